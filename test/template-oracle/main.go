// Command template-oracle renders text/template cases the way External Secrets Operator does, so
// that Ferry's TypeScript interpreter can be compared with Go byte for byte.
//
// Input (stdin): a JSON array of cases. Output (stdout): a JSON array of results, one per case, in
// order. Each case is parsed with template.New(name).Option("missingkey=error").Funcs(funcs) and
// executed over a map[string]string (ESO's data), or over decoded JSON when jsonData is given (to
// reach nested maps, lists, floats and nil, as fromJson produces them).
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig/v3"
	"sigs.k8s.io/yaml"
)

type testCase struct {
	Name     string            `json:"name"`
	Template string            `json:"template"`
	Data     map[string]string `json:"data"`
	JSONData json.RawMessage   `json:"jsonData"`
	// "sprig" (the default): Sprig's text functions without env and expandenv, as ESO registers
	// them. "eso": those plus ESO's toYaml and fromYaml (sigs.k8s.io/yaml), which replace Sprig's
	// names. "none": text/template's built-ins only.
	Funcs string `json:"funcs"`
	// Delimiters other than {{ and }}, as ESO's --template-left/right-delimiter flags set them.
	LeftDelim  string `json:"leftDelim"`
	RightDelim string `json:"rightDelim"`
}

type result struct {
	Output       *string `json:"output,omitempty"`
	OutputBase64 *string `json:"outputBase64,omitempty"`
	// "parse" or "exec" when the case failed; Error is Go's message.
	Phase string `json:"phase,omitempty"`
	Error string `json:"error,omitempty"`
}

func funcMap(kind string) (template.FuncMap, error) {
	switch kind {
	case "", "sprig":
		funcs := sprig.TxtFuncMap()
		delete(funcs, "env")
		delete(funcs, "expandenv")
		return funcs, nil
	case "eso":
		funcs, _ := funcMap("sprig")
		funcs["toYaml"] = toYAML
		funcs["fromYaml"] = fromYAML
		return funcs, nil
	case "none":
		return template.FuncMap{}, nil
	}
	return nil, fmt.Errorf("unknown funcs %q: expected \"sprig\", \"eso\" or \"none\"", kind)
}

// toYAML behaves as ESO's: sigs.k8s.io/yaml's output without its final newline, "" on failure.
func toYAML(v any) string {
	out, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(out), "\n")
}

// fromYAML behaves as ESO's: a map, holding the parse error under "Error" when there is one.
func fromYAML(text string) map[string]any {
	out := map[string]any{}
	if err := yaml.Unmarshal([]byte(text), &out); err != nil {
		out["Error"] = err.Error()
	}
	return out
}

func run(c testCase) (res result) {
	defer func() {
		if r := recover(); r != nil {
			res = result{Phase: "panic", Error: fmt.Sprint(r)}
		}
	}()
	funcs, err := funcMap(c.Funcs)
	if err != nil {
		return result{Phase: "input", Error: err.Error()}
	}
	var data any = c.Data
	if c.Data == nil {
		data = map[string]string{}
	}
	if len(c.JSONData) > 0 {
		var decoded any
		if err := json.Unmarshal(c.JSONData, &decoded); err != nil {
			return result{Phase: "input", Error: err.Error()}
		}
		data = decoded
	}
	t, err := template.New(c.Name).Option("missingkey=error").Funcs(funcs).Delims(c.LeftDelim, c.RightDelim).Parse(c.Template)
	if err != nil {
		return result{Phase: "parse", Error: err.Error()}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		return result{Phase: "exec", Error: err.Error()}
	}
	out := buf.String()
	encoded := base64.StdEncoding.EncodeToString(buf.Bytes())
	return result{Output: &out, OutputBase64: &encoded}
}

// listFuncs writes the sorted names of a function set ("sprig", "eso", "none") as one JSON array, so
// that tests can check Ferry defines the same ones.
func listFuncs(kind string) {
	funcs, err := funcMap(kind)
	if err != nil {
		fmt.Fprintln(os.Stderr, "template-oracle:", err)
		os.Exit(2)
	}
	names := make([]string, 0, len(funcs))
	for name := range funcs {
		names = append(names, name)
	}
	sort.Strings(names)
	if err := json.NewEncoder(os.Stdout).Encode(names); err != nil {
		fmt.Fprintln(os.Stderr, "template-oracle: writing names:", err)
		os.Exit(2)
	}
}

func main() {
	if len(os.Args) == 3 && os.Args[1] == "funcs" {
		listFuncs(os.Args[2])
		return
	}
	var cases []testCase
	if err := json.NewDecoder(os.Stdin).Decode(&cases); err != nil {
		fmt.Fprintln(os.Stderr, "template-oracle: reading cases:", err)
		os.Exit(2)
	}
	results := make([]result, len(cases))
	for i, c := range cases {
		results[i] = run(c)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "template-oracle: writing results:", err)
		os.Exit(2)
	}
}
