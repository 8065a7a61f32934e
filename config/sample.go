package config

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

// SampleYAML returns a commented kumite.yaml that lists every setting with
// its help, its flag and variable, and its default (or an example where
// the default is not a value), all commented out: as written it changes
// nothing, and removing any # gives a valid setting. `kumite init` writes
// it; README shows it.
func SampleYAML() string { return sample(true) }

// sample renders SampleYAML; commented=false leaves every setting active,
// which the tests load.
func sample(commented bool) string {
	var b strings.Builder
	b.WriteString(sampleHeader)
	for _, s := range Settings {
		if s.Key == "" {
			continue
		}
		b.WriteString("\n")
		b.WriteString(comment(wrap(settingHelp(s), 76)))
		b.WriteString(maybeComment(commented, yamlEntry(s)))
	}
	b.WriteString("\n")
	b.WriteString(comment(wrap(sampleEnvsHelp, 76)))
	b.WriteString(maybeComment(commented, sampleEnvs))
	return b.String()
}

const sampleHeader = `# kumite.yaml: the settings of kumite run.
#
# Every setting is also a flag (--workers 4) and an environment variable
# (KUMITE_WORKERS=4). Flags win over variables, variables over the envs:
# section that --env selects, that section over the top of this file.
# Remove the # before a setting to use it; quote values that start with @.
`

const sampleEnvsHelp = `Sections that --env NAME (or KUMITE_ENV, or env: above) lays over the settings above. A list in a section replaces the list above; vars merge by name.`

const sampleEnvs = `envs:
  staging:
    base-url: https://staging.example.com
    workers: 2
  local:
    base-url: http://localhost:8080
    headless: false
    vars:
      user: dev
`

// settingHelp is a setting's help as one sentence with its other names.
func settingHelp(s *SettingInfo) string {
	usage := strings.ReplaceAll(s.Usage, "`", "")
	names := "--" + s.Name
	if s.Arg {
		names = "arguments of kumite run"
	}
	if s.Env != "" {
		names += ", " + s.Env
	}
	if s.Default != "" {
		names += "; default: " + s.Default
	}
	return strings.ToUpper(usage[:1]) + usage[1:] + " (" + names + ")."
}

// yamlEntry renders the setting as a kumite.yaml entry: its default when
// that is a value, else its example.
func yamlEntry(s *SettingInfo) string {
	v := s.Example
	if defaultIsValue(s) {
		v = s.Default
	}
	key := &yaml.Node{Kind: yaml.ScalarNode, Value: s.Key}
	val := &yaml.Node{Kind: yaml.ScalarNode, Value: v}
	switch s.Kind {
	case KindList:
		val = &yaml.Node{Kind: yaml.SequenceNode, Content: []*yaml.Node{val}}
	case KindVars:
		name, value, _ := strings.Cut(v, "=")
		val = &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			{Kind: yaml.ScalarNode, Value: name},
			{Kind: yaml.ScalarNode, Value: value},
		}}
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{key, val}}); err != nil {
		panic(fmt.Sprintf("config: render %s: %v", s.Key, err)) // a bug in Settings; the tests render them all
	}
	return b.String()
}

// defaultIsValue reports whether the setting's Default is a value as
// typed (10s), not a description (CPU count): setting it changes nothing.
func defaultIsValue(s *SettingInfo) bool {
	if s.Default == "" {
		return false
	}
	c := Defaults(1)
	if s.reset != nil {
		s.reset(&c)
	}
	return s.set(&c, s.Default) == nil && reflect.DeepEqual(c, Defaults(1))
}

// maybeComment comments out every line of text when commented.
func maybeComment(commented bool, text string) string {
	if !commented {
		return text
	}
	return comment(text)
}

// comment puts "# " before every line of text.
func comment(text string) string {
	lines := strings.SplitAfter(text, "\n")
	var b strings.Builder
	for _, l := range lines {
		if l != "" {
			b.WriteString("# " + l)
		}
	}
	return b.String()
}

// wrap breaks text into lines of at most width characters, at spaces.
func wrap(text string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(text) {
		if n > 0 && n+1+len(w) > width {
			b.WriteString("\n")
			n = 0
		}
		if n > 0 {
			b.WriteString(" ")
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	b.WriteString("\n")
	return b.String()
}

// ReferenceMarkdown returns the settings reference for README: one table
// row per setting (flag, variable, kumite.yaml key, default, meaning) and
// the rules that combine the sources.
func ReferenceMarkdown() string {
	var b strings.Builder
	b.WriteString("| Flag | Environment variable | kumite.yaml | Default | Meaning |\n")
	b.WriteString("| --- | --- | --- | --- | --- |\n")
	for _, s := range Settings {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n",
			mdFlag(s), mdEnv(s), mdKey(s), mdDefault(s), strings.ReplaceAll(s.Usage, "|", `\|`))
	}
	b.WriteString(referenceRules)
	return b.String()
}

func mdFlag(s *SettingInfo) string {
	switch {
	case s.Arg:
		return "`" + s.Placeholder() + "[:LINE]…` (arguments)"
	case s.Kind == KindBool:
		return "`--" + s.Name + "`"
	case s.Repeatable():
		return "`--" + s.Name + " " + s.Placeholder() + "` (repeatable)"
	}
	return "`--" + s.Name + " " + s.Placeholder() + "`"
}

func mdEnv(s *SettingInfo) string {
	switch {
	case s.Env == "":
		return "—"
	case s.Kind == KindList:
		return "`" + s.Env + "` (space-separated)"
	case s.Kind == KindVars:
		return "`" + s.Env + "=VALUE`"
	}
	return "`" + s.Env + "`"
}

func mdKey(s *SettingInfo) string {
	switch {
	case s.Key == "":
		return "—"
	case s.Kind == KindList:
		return "`" + s.Key + ":` list"
	case s.Kind == KindVars:
		return "`" + s.Key + ":` map"
	}
	return "`" + s.Key + "`"
}

func mdDefault(s *SettingInfo) string {
	switch {
	case s.Default == "":
		return "—"
	case defaultIsValue(s):
		return "`" + s.Default + "`"
	}
	return s.Default
}

// referenceRules follows the table; ‵ stands for a backquote, which a raw
// string cannot hold.
var referenceRules = strings.ReplaceAll(`
How the sources combine:

- **Precedence**, later wins: defaults, then kumite.yaml (or the file
  ‵--config‵ or ‵KUMITE_CONFIG‵ names), then its ‵envs.<NAME>‵ section
  selected by ‵--env‵ (else ‵KUMITE_ENV‵, else ‵env:‵ in the file), then
  ‵KUMITE_*‵ variables, then flags. ./kumite.yaml is optional; a
  ‵--config‵ file that does not exist is an error.
- **Lists** (paths, ‵--chrome-flag‵): a source that gives any value replaces
  the whole list of the sources before it, so ‵--chrome-flag=--lang=fr‵
  drops the file's ‵chrome-flags:‵; an empty list (‵chrome-flags: []‵)
  clears it. ‵KUMITE_CHROME_FLAG‵ holds switches separated by spaces.
- **Variables** (‵--var‵, ‵vars:‵, ‵KUMITE_VAR_<NAME>‵) merge by name; for
  one name the later source wins. ‵KUMITE_VAR_user=alice‵ sets ‵${user}‵:
  the name keeps its case. Names are letters, digits, ‵_‵, ‵.‵ and ‵-‵,
  starting with a letter or ‵_‵.
- **Switches** are ‵--fail-fast‵ and ‵--headless=false‵ as flags, and
  ‵true‵/‵false‵ (also ‵yes‵/‵no‵, ‵on‵/‵off‵, ‵1‵/‵0‵) in the file and
  in variables.
- **Durations** need a unit: ‵500ms‵, ‵10s‵, ‵1m30s‵, ‵5m‵. A bare number
  is an error rather than a guess (seconds? Playwright's milliseconds?).
- **Environment variables** that are empty count as unset. An unknown
  ‵KUMITE_*‵ variable is an error when it looks like a typo of a setting
  (‵KUMITE_WORKER‵), and is ignored otherwise (‵KUMITE_VERSION‵).
- **Errors** name their source, and all of them are reported at once:
  ‵kumite.yaml:7: unknown key "workres" (did you mean "workers"?)‵,
  ‵KUMITE_WORKERS="x": not a whole number‵,
  ‵--window-size 19x: expected WIDTHxHEIGHT, e.g. 1920x1080‵.
- Relative paths (‵out‵, ‵serve‵, ‵paths‵) are relative to the working
  directory, wherever the settings file is.
`, "‵", "`")
