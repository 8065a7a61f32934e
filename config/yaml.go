package config

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// parseFile reads the settings of a kumite.yaml shown as name in messages.
// It walks the yaml.Node tree rather than decoding into a struct, so that
// every unknown key and bad value is reported with its line.
func parseFile(data []byte, name string) settingsFile {
	f := settingsFile{name: name, envs: map[string][]assignment{}}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		f.errs = append(f.errs, yamlSyntaxError(name, err))
		return f
	}
	if len(doc.Content) == 0 {
		return f // empty, or only comments
	}
	r := &fileReader{file: &f}
	root := deref(doc.Content[0])
	if isNull(root) {
		return f
	}
	if root.Kind != yaml.MappingNode {
		r.errorf(root.Line, "expected settings as key: value lines, e.g. workers: 4")
		return f
	}
	for _, p := range r.pairs(root) {
		key := p.key.Value
		if key == "envs" {
			r.envs(p.value)
			continue
		}
		info := settingByKey(key)
		if info == nil {
			r.unknownKey(p.key, "")
			continue
		}
		f.top = append(f.top, r.assignments(info, p.value)...)
	}
	return f
}

// fileReader collects what parseFile finds, and its errors.
type fileReader struct{ file *settingsFile }

// yamlPair is one key: value of a mapping.
type yamlPair struct{ key, value *yaml.Node }

func (r *fileReader) errorf(line int, format string, args ...any) {
	r.file.errs = append(r.file.errs, fmt.Errorf("%s:%d: %s", r.file.name, line, fmt.Sprintf(format, args...)))
}

// envs reads the envs: mapping of name: settings.
func (r *fileReader) envs(n *yaml.Node) {
	n = deref(n)
	if isNull(n) {
		return
	}
	if n.Kind != yaml.MappingNode {
		r.errorf(n.Line, "envs: expected a section per environment, e.g.\n  envs:\n    staging:\n      base-url: https://staging.example.com")
		return
	}
	for _, p := range r.pairs(n) {
		name := p.key.Value
		section := []assignment{}
		body := deref(p.value)
		switch {
		case isNull(body):
		case body.Kind != yaml.MappingNode:
			r.errorf(body.Line, "envs.%s: expected settings as key: value lines, e.g. workers: 4", name)
		default:
			for _, q := range r.pairs(body) {
				info := settingByKey(q.key.Value)
				switch {
				case info == nil:
					r.unknownKey(q.key, " in envs."+name)
				case info.Name == "env":
					r.errorf(q.key.Line, "envs.%s cannot set env: it is what selects a section", name)
				default:
					section = append(section, r.assignments(info, q.value)...)
				}
			}
		}
		r.file.envs[name] = section
	}
}

// unknownKey reports a key that is no setting, with the nearest one.
func (r *fileReader) unknownKey(key *yaml.Node, in string) {
	var keys []string
	for _, s := range Settings {
		if s.Key != "" {
			keys = append(keys, s.Key)
		}
	}
	if in == "" {
		keys = append(keys, "envs")
	}
	msg := fmt.Sprintf("unknown key %q%s", key.Value, in)
	if near := closest(key.Value, keys); near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	r.errorf(key.Line, "%s", msg)
}

// assignments reads the value of one setting's key.
func (r *fileReader) assignments(info *SettingInfo, n *yaml.Node) []assignment {
	n = deref(n)
	at := func(n *yaml.Node, key, v string) assignment {
		return assignment{info: info, value: v, where: fmt.Sprintf("%s:%d: %s %q", r.file.name, n.Line, key, v)}
	}
	switch info.Kind {
	case KindList:
		if isNull(n) || n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
			return []assignment{{info: info, empty: true, where: fmt.Sprintf("%s:%d: %s []", r.file.name, n.Line, info.Key)}}
		}
		if n.Kind == yaml.ScalarNode {
			return []assignment{at(n, info.Key, n.Value)}
		}
		if n.Kind != yaml.SequenceNode {
			r.errorf(n.Line, "%s: expected a list, e.g.\n  %s:\n    - %s", info.Key, info.Key, info.Example)
			return nil
		}
		var out []assignment
		for _, item := range n.Content {
			if v, ok := scalar(item); ok {
				out = append(out, at(item, info.Key, v))
			} else {
				r.errorf(item.Line, "%s: expected one value per - item, not a %s", info.Key, kindName(item))
			}
		}
		return out
	case KindVars:
		if isNull(n) {
			return nil
		}
		if n.Kind != yaml.MappingNode {
			r.errorf(n.Line, "%s: expected NAME: VALUE lines, e.g.\n  vars:\n    user: alice", info.Key)
			return nil
		}
		var out []assignment
		for _, p := range r.pairs(n) {
			name := p.key.Value
			v, ok := scalar(p.value)
			switch err := checkVarName(name); {
			case err != nil:
				r.errorf(p.key.Line, "vars: %v", err)
			case !ok:
				r.errorf(p.value.Line, "vars.%s: expected one value, not a %s", name, kindName(p.value))
			default:
				a := at(deref(p.value), info.Key+"."+name, v)
				a.value = name + "=" + v
				out = append(out, a)
			}
		}
		return out
	}
	v, ok := scalar(n)
	if !ok {
		r.errorf(n.Line, "%s: expected one value, not a %s", info.Key, kindName(n))
		return nil
	}
	return []assignment{at(n, info.Key, v)}
}

// pairs returns the key: value pairs of the mapping m, with the keys of
// merged anchors (<<: *base) that m does not set itself. It reports
// duplicated and non-text keys.
func (r *fileReader) pairs(m *yaml.Node) []yamlPair {
	var own, merged []yamlPair
	have := map[string]int{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		switch {
		case k.Tag == "!!merge":
			merges = append(merges, v)
		case k.Kind != yaml.ScalarNode:
			r.errorf(k.Line, "expected a name before the colon, not a %s", kindName(k))
		case have[k.Value] != 0:
			r.errorf(k.Line, "%s is set twice (first on line %d)", k.Value, have[k.Value])
		default:
			have[k.Value] = k.Line
			own = append(own, yamlPair{k, v})
		}
	}
	for _, src := range merges {
		for _, p := range r.merged(src) {
			if have[p.key.Value] == 0 {
				have[p.key.Value] = p.key.Line
				merged = append(merged, p)
			}
		}
	}
	return append(merged, own...)
}

// merged returns the pairs a merge key brings in: one anchored mapping or
// a list of them, the first winning.
func (r *fileReader) merged(n *yaml.Node) []yamlPair {
	n = deref(n)
	switch n.Kind {
	case yaml.MappingNode:
		return r.pairs(n)
	case yaml.SequenceNode:
		var out []yamlPair
		for _, item := range n.Content {
			out = append(out, r.merged(item)...)
		}
		return out // pairs() keeps the first of a repeated key
	}
	r.errorf(n.Line, "<< merges a mapping: <<: *name, where &name marks a mapping")
	return nil
}

// settingByKey returns the setting of the kumite.yaml key k, or nil.
func settingByKey(k string) *SettingInfo {
	for _, s := range Settings {
		if s.Key == k && k != "" {
			return s
		}
	}
	return nil
}

// deref follows aliases (*name) to the node they stand for.
func deref(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// isNull reports an empty value: "key:" with nothing after, ~ or null.
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// scalar returns the text of a one-value node as written in the file
// ("" for null), so that `workers: 4` and KUMITE_WORKERS=4 parse the same.
func scalar(n *yaml.Node) (string, bool) {
	n = deref(n)
	if n.Kind != yaml.ScalarNode {
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	return n.Value, true
}

// kindName names the shape of a node for messages.
func kindName(n *yaml.Node) string {
	switch deref(n).Kind {
	case yaml.SequenceNode:
		return "list"
	case yaml.MappingNode:
		return "mapping"
	}
	return "value"
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlSyntaxError rewrites a yaml.v3 syntax error as file:line: message,
// with a hint for the commonest one: an unquoted value that starts with @.
func yamlSyntaxError(name string, err error) error {
	m := yamlLine.FindStringSubmatch(err.Error())
	if m == nil {
		return fmt.Errorf("%s: %s", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	line, _ := strconv.Atoi(m[1])
	msg := m[2]
	if strings.Contains(msg, "cannot start any token") {
		msg += ` (quote a value that starts with @ or a backquote, e.g. tags: "@smoke")`
	}
	return fmt.Errorf("%s:%d: %s", name, line, msg)
}
