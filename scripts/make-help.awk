# `make help`: the targets documented with `## text` after their prerequisites, under the `##@ Section`
# headers, then the variables documented with `##= NAME text` lines. Names are padded to the longest,
# so the descriptions form one column. On a terminal (-v tty=1 cols=N) names are coloured and long
# descriptions wrap under their column; piped, the output is plain text with one line per entry.
BEGIN { FS = ":.*## " }

/^##@ / { entries++; kind[entries] = "section"; text[entries] = substr($0, 5); next }

/^[a-zA-Z_0-9-]+:.*## / { add("target", $1, $2); next }

/^##= / {
  line = substr($0, 5)
  name = line; sub(/ .*/, "", name)
  description = line; sub(/^[^ ]+ +/, "", description)
  add("variable", name, description)
  next
}

function add(what, name, description) {
  entries++
  kind[entries] = what; names[entries] = name; text[entries] = description
  if (length(name) > width) width = length(name)
}

function paint(code, s) { return tty ? "\033[" code "m" s "\033[0m" : s }

# Words of `s` joined into lines of at most `room` characters (no wrapping when room is too small).
function wrapped(s, indent, room,    words, count, i, out, line) {
  if (room < 30) return s
  count = split(s, words, " ")
  line = words[1]
  for (i = 2; i <= count; i++) {
    if (length(line) + 1 + length(words[i]) > room) { out = out line "\n" indent; line = words[i] }
    else line = line " " words[i]
  }
  return out line
}

function entry(name, description,    indent) {
  indent = sprintf("%" (width + 4) "s", "")
  printf "  %s  %s\n", paint("36", sprintf("%-" width "s", name)), wrapped(description, indent, cols - width - 4)
}

END {
  printf "\nUsage:\n  make %s [VARIABLE=value ...]\n", paint("36", "<target>")
  for (i = 1; i <= entries; i++) {
    if (kind[i] == "section") printf "\n%s\n", paint("1", text[i])
    else if (kind[i] == "target") entry(names[i], text[i])
  }
  printf "\n%s\n", paint("1", "Variables")
  for (i = 1; i <= entries; i++) if (kind[i] == "variable") entry(names[i], text[i])
}
