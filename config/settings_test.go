package config

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

// TestSettingNames checks the one-name rule: --base-url, KUMITE_BASE_URL,
// base-url (lists and vars take a plural key).
func TestSettingNames(t *testing.T) {
	for _, s := range Settings {
		env := "KUMITE_" + strings.ToUpper(strings.ReplaceAll(s.Name, "-", "_"))
		key := s.Name
		switch s.Name {
		case "path":
			env = ""
		case "config":
			key = ""
		case "var":
			env += "_<NAME>"
		}
		if s.Repeatable() && key != "" {
			key += "s"
		}
		if s.Env != env || s.Key != key {
			t.Errorf("%s: Env, Key = %q, %q; want %q, %q", s.Name, s.Env, s.Key, env, key)
		}
		if (s.Placeholder() == "") != (s.Kind == KindBool) {
			t.Errorf("%s: placeholder %q; want one exactly when it is not a switch", s.Name, s.Placeholder())
		}
		if s.Usage == "" || s.Example == "" || s.set == nil || (s.Kind == KindList) != (s.reset != nil) {
			t.Errorf("%s: Usage, Example, set and (for lists) reset are required", s.Name)
		}
	}
}

// TestSettingsCoverConfig checks that every field of Config is set by
// exactly one setting, by applying each setting's Example to the defaults.
func TestSettingsCoverConfig(t *testing.T) {
	owner := map[string]string{}
	for _, s := range Settings {
		c := Defaults(1)
		if err := s.set(&c, s.Example); err != nil {
			t.Errorf("%s: Example %q: %v", s.Name, s.Example, err)
			continue
		}
		for _, f := range changedFields(Defaults(1), c) {
			if owner[f] != "" {
				t.Errorf("field %s is set by both %s and %s", f, owner[f], s.Name)
			}
			owner[f] = s.Name
		}
	}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[Config]()) {
		// Origins, EmptyShard and EnvMissing are derived by Load (where
		// values came from; CODEBUILD_CURRENT_SHARD_FILES naming no file;
		// an env with no envs: section), not set.
		if owner[f.Name] == "" && f.Name != "Origins" && f.Name != "EmptyShard" && f.Name != "EnvMissing" {
			t.Errorf("no setting sets Config.%s (or its Example equals the default)", f.Name)
		}
	}
}

func changedFields(a, b Config) []string {
	var out []string
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for i := range va.NumField() {
		if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
			out = append(out, va.Type().Field(i).Name)
		}
	}
	return out
}

// TestSettingDefaults checks that every Default that is a value is the
// one Defaults sets, and that the others are the few descriptions.
func TestSettingDefaults(t *testing.T) {
	var described []string
	for _, s := range Settings {
		if s.Default != "" && !defaultIsValue(s) {
			described = append(described, s.Name)
		}
	}
	want := []string{"config", "workers", "browser"} // kumite.yaml if present, CPU count, the headless shell or chromium
	if !slices.Equal(described, want) {
		t.Errorf("settings whose Default is a description, not Defaults' value: %q, want %q", described, want)
	}
	if c := Defaults(3); c.Workers != 3 {
		t.Errorf("Defaults(3).Workers = %d, want the CPU count", c.Workers)
	}
}

func TestParseBoolForms(t *testing.T) {
	for in, want := range map[string]bool{"true": true, "TRUE": true, "yes": true, "on": true, "1": true,
		"false": false, "False": false, "no": false, "off": false, "0": false} {
		got, err := parseBool(in)
		if err != nil || got != want {
			t.Errorf("parseBool(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
}

func TestParseChromeFlag(t *testing.T) {
	for in, want := range map[string]string{"--lang=de": "lang=de", "lang=de": "lang=de", "-x": "x", "--a=b c": "a=b c"} {
		if got, err := parseChromeFlag(in); err != nil || got != want {
			t.Errorf("parseChromeFlag(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}
