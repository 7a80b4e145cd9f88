// dockerfile-check reads a Dockerfile with BuildKit's own parser and instruction decoder (the code
// `docker build` runs first) and prints what they understood as JSON, so a test can check the file
// without a Docker engine: a syntax error or an instruction BuildKit rejects exits 1 with its message.
// With --context, it also lists the files of that build context that .dockerignore lets through,
// matched by the pattern matcher the Docker CLI uses.
//
//	dockerfile-check [--context <dir>] <Dockerfile> > parsed.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

type command struct {
	Name     string   `json:"name"`
	Line     int      `json:"line"`
	Original string   `json:"original"`
	Args     []string `json:"args,omitempty"`
	// ShellForm is true for RUN/CMD/ENTRYPOINT written as a string, which runs under /bin/sh -c.
	ShellForm bool              `json:"shellForm,omitempty"`
	From      string            `json:"from,omitempty"`
	Chown     string            `json:"chown,omitempty"`
	Sources   []string          `json:"sources,omitempty"`
	Dest      string            `json:"dest,omitempty"`
	Env       map[string]string `json:"env,omitempty"`
}

type stage struct {
	Name     string    `json:"name"`
	BaseName string    `json:"baseName"`
	Platform string    `json:"platform,omitempty"`
	Commands []command `json:"commands"`
}

type warning struct {
	Rule    string `json:"rule"`
	Message string `json:"message"`
	Line    int    `json:"line"`
}

type result struct {
	Stages   []stage   `json:"stages"`
	Warnings []warning `json:"warnings"`
	// Files of the build context (slash-separated, relative), when --context was given.
	Context []string `json:"context,omitempty"`
}

func main() {
	contextDir := flag.String("context", "", "build context directory whose .dockerignore to apply")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: dockerfile-check [--context <dir>] <Dockerfile>")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), *contextDir); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", flag.Arg(0), err)
		os.Exit(1)
	}
}

func run(path string, contextDir string) error {
	file, err := os.Open(path)
	if err != nil {
		return err
	}
	defer file.Close()
	parsed, err := parser.Parse(file)
	if err != nil {
		return err
	}
	out := result{Stages: []stage{}, Warnings: []warning{}}
	for _, w := range parsed.Warnings {
		line := 0
		if w.Location != nil {
			line = w.Location.Start.Line
		}
		out.Warnings = append(out.Warnings, warning{Rule: "parser", Message: w.Short, Line: line})
	}
	lint := linter.New(&linter.Config{
		Warn: func(rule, _, _, message string, location []parser.Range) {
			out.Warnings = append(out.Warnings, warning{Rule: rule, Message: message, Line: firstLine(location)})
		},
	})
	stages, _, err := instructions.Parse(parsed.AST, lint)
	if err != nil {
		return err
	}
	for _, s := range stages {
		decoded := stage{Name: s.Name, BaseName: s.BaseName, Platform: s.Platform, Commands: []command{}}
		for _, c := range s.Commands {
			decoded.Commands = append(decoded.Commands, describe(c))
		}
		out.Stages = append(out.Stages, decoded)
	}
	if contextDir != "" {
		if out.Context, err = contextFiles(contextDir); err != nil {
			return err
		}
	}
	encoder := json.NewEncoder(os.Stdout)
	encoder.SetIndent("", "  ")
	return encoder.Encode(out)
}

func describe(c instructions.Command) command {
	d := command{Name: strings.ToLower(c.Name()), Line: firstLine(c.Location()), Original: fmt.Sprint(c)}
	switch typed := c.(type) {
	case *instructions.RunCommand:
		d.Args, d.ShellForm = typed.CmdLine, typed.PrependShell
	case *instructions.CmdCommand:
		d.Args, d.ShellForm = typed.CmdLine, typed.PrependShell
	case *instructions.EntrypointCommand:
		d.Args, d.ShellForm = typed.CmdLine, typed.PrependShell
	case *instructions.CopyCommand:
		d.From, d.Chown, d.Sources, d.Dest = typed.From, typed.Chown, typed.SourcePaths, typed.DestPath
	case *instructions.AddCommand:
		d.Chown, d.Sources, d.Dest = typed.Chown, typed.SourcePaths, typed.DestPath
	case *instructions.UserCommand:
		d.Args = []string{typed.User}
	case *instructions.WorkdirCommand:
		d.Args = []string{typed.Path}
	case *instructions.EnvCommand:
		d.Env = map[string]string{}
		for _, pair := range typed.Env {
			d.Env[pair.Key] = pair.Value
		}
	}
	return d
}

func firstLine(location []parser.Range) int {
	if len(location) == 0 {
		return 0
	}
	return location[0].Start.Line
}

// contextFiles walks a build context as the Docker CLI does before sending it: .dockerignore patterns
// exclude files, `!` patterns bring some back, and an excluded directory is skipped unless an
// exception pattern reaches inside it.
func contextFiles(dir string) ([]string, error) {
	var patterns []string
	if ignore, err := os.Open(filepath.Join(dir, ".dockerignore")); err == nil {
		patterns, err = ignorefile.ReadAll(ignore)
		ignore.Close()
		if err != nil {
			return nil, err
		}
	} else if !os.IsNotExist(err) {
		return nil, err
	}
	matcher, err := patternmatcher.New(patterns)
	if err != nil {
		return nil, err
	}
	files := []string{}
	err = filepath.WalkDir(dir, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		relative, err := filepath.Rel(dir, path)
		if err != nil || relative == "." {
			return err
		}
		skip, err := matcher.MatchesOrParentMatches(relative)
		if err != nil {
			return err
		}
		if skip {
			if !entry.IsDir() || reachesInside(matcher, relative) {
				return nil
			}
			return filepath.SkipDir
		}
		if !entry.IsDir() {
			files = append(files, filepath.ToSlash(relative))
		}
		return nil
	})
	return files, err
}

func reachesInside(matcher *patternmatcher.PatternMatcher, dir string) bool {
	if !matcher.Exclusions() {
		return false
	}
	prefix := dir + string(filepath.Separator)
	for _, pattern := range matcher.Patterns() {
		if pattern.Exclusion() && strings.HasPrefix(pattern.String()+string(filepath.Separator), prefix) {
			return true
		}
	}
	return false
}
