package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// load runs Load with file as ./kumite.yaml ("" for no file), env as the
// environment and flags as the command line, with 4 CPUs.
func load(t *testing.T, file string, env []string, flags ...Setting) (Config, error) {
	t.Helper()
	dir := t.TempDir()
	if file != "" {
		if err := os.WriteFile(filepath.Join(dir, DefaultFile), []byte(file), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Load(4, Sources{Dir: dir, Env: env, Flags: flags})
}

// everySetting gives each setting (but config and env, tested on their
// own) a value that differs from its default, and how to read it back.
var everySetting = []struct {
	name, value string
	get         func(Config) any
	want        any
}{
	{"path", "features/a.feature:3", func(c Config) any { return c.Paths }, []string{"features/a.feature:3"}},
	{"tags", "@smoke and not @wip", func(c Config) any { return c.Tags }, "@smoke and not @wip"},
	{"workers", "7", func(c Config) any { return c.Workers }, 7},
	{"shard", "2/3", func(c Config) any { return c.Shard }, Shard{Index: 2, Total: 3}},
	{"retries", "2", func(c Config) any { return c.Retries }, 2},
	{"fail-fast", "true", func(c Config) any { return c.FailFast }, true},
	{"dry-run", "yes", func(c Config) any { return c.DryRun }, true},
	{"pass-with-no-tests", "on", func(c Config) any { return c.PassWithNoTests }, true},
	{"timeout", "1m30s", func(c Config) any { return c.Timeout }, 90 * time.Second},
	{"scenario-timeout", "500ms", func(c Config) any { return c.ScenarioTimeout }, 500 * time.Millisecond},
	{"base-url", "https://example.com/app", func(c Config) any { return c.BaseURL }, "https://example.com/app"},
	{"serve", "demo/site", func(c Config) any { return c.Serve }, "demo/site"},
	{"web-server", "npm start", func(c Config) any { return c.WebServer }, "npm start"},
	{"web-server-url", "http://localhost:3000/health", func(c Config) any { return c.WebServerURL }, "http://localhost:3000/health"},
	{"karate-config", "src/test/java/karate-config.js", func(c Config) any { return c.KarateConfig }, "src/test/java/karate-config.js"},
	{"var", "user=alice=x", func(c Config) any { return c.Vars }, map[string]string{"user": "alice=x"}},
	{"browser", "/usr/bin/chromium", func(c Config) any { return c.Browser }, "/usr/bin/chromium"},
	{"remote", "ws://127.0.0.1:9222/devtools/browser/abc", func(c Config) any { return c.Remote }, "ws://127.0.0.1:9222/devtools/browser/abc"},
	{"headless", "false", func(c Config) any { return c.Headless }, false},
	{"window-size", "1280x720", func(c Config) any { return [2]int{c.WindowWidth, c.WindowHeight} }, [2]int{1280, 720}},
	{"chrome-flag", "--lang=de-DE", func(c Config) any { return c.ChromeFlags }, []string{"lang=de-DE"}},
	{"screenshots", "every-step", func(c Config) any { return c.Screenshots }, ScreenshotsEveryStep},
	{"out", "build/report", func(c Config) any { return c.Out }, "build/report"},
	{"publish", "s3://bucket/prefix", func(c Config) any { return c.Publish }, "s3://bucket/prefix"},
	{"cucumber-embed", "true", func(c Config) any { return c.CucumberEmbed }, true},
}

// yamlFlow renders one setting as a YAML flow mapping entry, quoted.
func yamlFlow(s *SettingInfo, v string) string {
	switch s.Kind {
	case KindList:
		return s.Key + ": [" + strconv.Quote(v) + "]"
	case KindVars:
		name, value, _ := strings.Cut(v, "=")
		return s.Key + ": {" + strconv.Quote(name) + ": " + strconv.Quote(value) + "}"
	}
	return s.Key + ": " + strconv.Quote(v)
}

func TestLoadEverySettingFromEverySource(t *testing.T) {
	for _, tc := range everySetting {
		s := setting(tc.name)
		envLine := s.Env + "=" + tc.value
		if s.Kind == KindVars {
			envLine = "KUMITE_VAR_" + tc.value
		}
		sources := map[string]struct {
			file  string
			env   []string
			flags []Setting
			where string // prefix of Origins[name]
		}{
			"file":    {file: yamlFlow(s, tc.value) + "\n", where: "kumite.yaml:1: "},
			"envs":    {file: "env: ci\nenvs:\n  ci: {" + yamlFlow(s, tc.value) + "}\n", where: "kumite.yaml:3: "},
			"flag":    {flags: []Setting{{tc.name, tc.value}}, where: flagWhere(s, tc.value)},
			"env var": {env: []string{envLine}, where: "KUMITE_"},
		}
		if s.Env == "" {
			delete(sources, "env var")
		}
		for source, in := range sources {
			t.Run(tc.name+"/"+source, func(t *testing.T) {
				flags := in.flags
				if tc.name == "web-server" { // needs its URL; given in another source
					flags = append(flags, Setting{"web-server-url", "http://localhost:1/"})
				}
				c, err := load(t, in.file, in.env, flags...)
				if err != nil {
					t.Fatalf("Load: %v", err)
				}
				if got := tc.get(c); !reflect.DeepEqual(got, tc.want) {
					t.Errorf("%s = %#v, want %#v", tc.name, got, tc.want)
				}
				if got := c.Where(tc.name); !strings.HasPrefix(got, in.where) {
					t.Errorf("Where(%q) = %q, want prefix %q", tc.name, got, in.where)
				}
			})
		}
	}
}

func TestLoadCoversEverySetting(t *testing.T) {
	covered := map[string]bool{"config": true, "env": true} // TestLoadEnvSelection, TestLoadConfigFile
	for _, tc := range everySetting {
		covered[tc.name] = true
	}
	for _, s := range Settings {
		if !covered[s.Name] {
			t.Errorf("setting %q has no case in everySetting", s.Name)
		}
	}
}

func TestLoadPrecedence(t *testing.T) {
	const file = `workers: 11
chrome-flags: [--a, --b]
paths: [x]
vars: {a: file, b: file, c: file, d: file}
envs:
  ci:
    workers: 12
    chrome-flags: [--c]
    vars: {b: ci, c: ci, d: ci}
`
	sectionOnly := "env: ci\n" + file
	env := []string{"KUMITE_WORKERS=13", "KUMITE_CHROME_FLAG=--d  --e", "KUMITE_VAR_c=env", "KUMITE_VAR_d=env"}
	flags := []Setting{{"workers", "14"}, {"chrome-flag", "--f"}, {"var", "d=flag"}, {"chrome-flag", "--g"}, {"path", "y"}, {"path", "z"}}
	tests := []struct {
		name        string
		file        string
		env         []string
		flags       []Setting
		workers     int
		chromeFlags []string
		vars        map[string]string
		paths       []string
	}{
		{"defaults", "", nil, nil, 4, nil, map[string]string{}, []string{"features"}},
		{"file", file, nil, nil, 11, []string{"a", "b"},
			map[string]string{"a": "file", "b": "file", "c": "file", "d": "file"}, []string{"x"}},
		{"envs section over file", sectionOnly, nil, nil, 12, []string{"c"},
			map[string]string{"a": "file", "b": "ci", "c": "ci", "d": "ci"}, []string{"x"}},
		{"env over envs section", sectionOnly, env, nil, 13, []string{"d", "e"},
			map[string]string{"a": "file", "b": "ci", "c": "env", "d": "env"}, []string{"x"}},
		{"flag over env", sectionOnly, env, flags, 14, []string{"f", "g"},
			map[string]string{"a": "file", "b": "ci", "c": "env", "d": "flag"}, []string{"y", "z"}},
		{"flag over file", file, nil, flags, 14, []string{"f", "g"},
			map[string]string{"a": "file", "b": "file", "c": "file", "d": "flag"}, []string{"y", "z"}},
		{"env over default", "", env, nil, 13, []string{"d", "e"},
			map[string]string{"c": "env", "d": "env"}, []string{"features"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := load(t, tc.file, tc.env, tc.flags...)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.Workers != tc.workers {
				t.Errorf("Workers = %d, want %d", c.Workers, tc.workers)
			}
			if !reflect.DeepEqual(c.ChromeFlags, tc.chromeFlags) {
				t.Errorf("ChromeFlags = %q, want %q", c.ChromeFlags, tc.chromeFlags)
			}
			if !reflect.DeepEqual(c.Vars, tc.vars) {
				t.Errorf("Vars = %v, want %v", c.Vars, tc.vars)
			}
			if !reflect.DeepEqual(c.Paths, tc.paths) {
				t.Errorf("Paths = %q, want %q", c.Paths, tc.paths)
			}
		})
	}
}

func TestLoadEmptyListClears(t *testing.T) {
	file := "chrome-flags: [--a]\npaths: [x]\nenvs:\n  ci:\n    chrome-flags: []\n    paths:\n"
	c, err := load(t, file, nil, Setting{"env", "ci"})
	if err != nil {
		t.Fatal(err)
	}
	if c.ChromeFlags != nil || c.Paths != nil {
		t.Errorf("ChromeFlags = %q, Paths = %q; want both empty", c.ChromeFlags, c.Paths)
	}
	c, err = load(t, file, []string{"KUMITE_CHROME_FLAG= "})
	if err != nil {
		t.Fatal(err)
	}
	if c.ChromeFlags != nil {
		t.Errorf("KUMITE_CHROME_FLAG=\" \": ChromeFlags = %q, want empty", c.ChromeFlags)
	}
}

func TestLoadEnvSelection(t *testing.T) {
	const file = `base-url: http://top
envs:
  a: {base-url: "http://a"}
  b: {base-url: "http://b"}
  c: {base-url: "http://c"}
  empty:
`
	tests := []struct {
		name, file string
		env        []string
		flags      []Setting
		want       string // BaseURL
		wantEnv    string
	}{
		{"none", file, nil, nil, "http://top", ""},
		{"file env:", "env: a\n" + file, nil, nil, "http://a", "a"},
		{"KUMITE_ENV over file", "env: a\n" + file, []string{"KUMITE_ENV=b"}, nil, "http://b", "b"},
		{"flag over KUMITE_ENV", "env: a\n" + file, []string{"KUMITE_ENV=b"}, []Setting{{"env", "c"}}, "http://c", "c"},
		{"empty KUMITE_ENV is unset", "env: a\n" + file, []string{"KUMITE_ENV="}, nil, "http://a", "a"},
		{"--env \"\" selects none", "env: a\n" + file, nil, []Setting{{"env", ""}}, "http://top", ""},
		{"empty section", file, nil, []Setting{{"env", "empty"}}, "http://top", "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := load(t, tc.file, tc.env, tc.flags...)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.BaseURL != tc.want || c.Env != tc.wantEnv {
				t.Errorf("BaseURL, Env = %q, %q; want %q, %q", c.BaseURL, c.Env, tc.want, tc.wantEnv)
			}
		})
	}
}

func TestLoadConfigFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(DefaultFile, "workers: 2\n")
	write("ci/kumite.yaml", "workers: 3\nretries: x\n")
	write("other.yaml", "workers: 5\n")

	tests := []struct {
		name    string
		env     []string
		flags   []Setting
		workers int
		file    string
		err     string
	}{
		{"default file", nil, nil, 2, "kumite.yaml", ""},
		{"KUMITE_CONFIG", []string{"KUMITE_CONFIG=other.yaml"}, nil, 5, "other.yaml", ""},
		{"--config over KUMITE_CONFIG", []string{"KUMITE_CONFIG=ci/kumite.yaml"}, []Setting{{"config", "other.yaml"}}, 5, "other.yaml", ""},
		{"absolute --config", nil, []Setting{{"config", filepath.Join(dir, "other.yaml")}}, 5, filepath.Join(dir, "other.yaml"), ""},
		{"errors name the file as given", nil, []Setting{{"config", "ci/kumite.yaml"}}, 0, "",
			`ci/kumite.yaml:2: retries "x": not a whole number`},
		{"missing --config", nil, []Setting{{"config", "nope.yaml"}}, 0, "", "--config nope.yaml: no such file"},
		{"missing KUMITE_CONFIG", []string{"KUMITE_CONFIG=nope.yaml"}, nil, 0, "", `KUMITE_CONFIG="nope.yaml": no such file`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Load(4, Sources{Dir: dir, Env: tc.env, Flags: tc.flags})
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Fatalf("Load error = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.Workers != tc.workers || c.File != tc.file {
				t.Errorf("Workers, File = %d, %q; want %d, %q", c.Workers, c.File, tc.workers, tc.file)
			}
		})
	}

	c, err := Load(4, Sources{Dir: t.TempDir()})
	if err != nil || c.File != "" || c.Workers != 4 {
		t.Errorf("no kumite.yaml: File %q, Workers %d, err %v; want defaults and no error", c.File, c.Workers, err)
	}
}

func TestLoadYAMLForms(t *testing.T) {
	const file = `# plain scalars are read as written
workers: 3
headless: no
timeout: 1m
base-url: ~
chrome-flags: --single
tags: "@smoke"
envs:
  base: &base
    retries: 2
    vars: {u: x}
    workers: 6
  ci:
    <<: *base
    workers: 8
  list:
    <<: [*base]
`
	c, err := load(t, file, nil, Setting{"env", "ci"})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	got := []any{c.Workers, c.Headless, c.Timeout, c.BaseURL, c.ChromeFlags, c.Tags, c.Retries, c.Vars}
	want := []any{8, false, time.Minute, "", []string{"single"}, "@smoke", 2, map[string]string{"u": "x"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %v\nwant %v", got, want)
	}

	c, err = load(t, file, nil, Setting{"env", "list"})
	if err != nil || c.Workers != 6 {
		t.Errorf("<<: [*base]: Workers %d, err %v; want 6", c.Workers, err)
	}

	for _, empty := range []string{"\n", "# only a comment\n", "---\n", "~\n"} {
		if _, err := load(t, empty, nil); err != nil {
			t.Errorf("file %q: %v", empty, err)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		env   []string
		flags []Setting
		want  string
	}{
		// where: the file and line
		{"unknown key", "paths: [a]\n\n\n\n\n\nworkres: 2\n", nil, nil,
			`kumite.yaml:7: unknown key "workres" (did you mean "workers"?)`},
		{"unknown key, no guess", "colour: red\n", nil, nil, `kumite.yaml:1: unknown key "colour"`},
		{"snake case key", "base_url: http://x\n", nil, nil, `kumite.yaml:1: unknown key "base_url" (did you mean "base-url"?)`},
		{"singular list key", "chrome-flag: [a]\n", nil, nil, `kumite.yaml:1: unknown key "chrome-flag" (did you mean "chrome-flags"?)`},
		{"flag-only key", "config: x.yaml\n", nil, nil, `kumite.yaml:1: unknown key "config"`},
		{"bad value", "out: r\n\nworkers: two\n", nil, nil, `kumite.yaml:3: workers "two": not a whole number`},
		{"unknown key in envs", "envs:\n  dev: {}\n  prod:\n    workres: 2\n", nil, nil,
			`kumite.yaml:4: unknown key "workres" in envs.prod (did you mean "workers"?)`},
		{"bad value in an unselected section", "envs:\n  dev: {}\n  prod:\n    timeout: 10\n", nil, []Setting{{"env", "dev"}},
			`kumite.yaml:4: timeout "10": a duration needs a unit, e.g. 10s, 500ms, 5m`},
		{"env inside envs", "envs:\n  prod:\n    env: dev\n", nil, nil,
			`kumite.yaml:3: envs.prod cannot set env: it is what selects a section`},
		{"duplicate key", "workers: 2\nout: r\nworkers: 3\n", nil, nil, `kumite.yaml:3: workers is set twice (first on line 1)`},
		{"unquoted @", "out: r\ntags: @smoke\n", nil, nil,
			`kumite.yaml:2: found character that cannot start any token (quote a value that starts with @ or a backquote, e.g. tags: "@smoke")`},
		{"not a mapping", "- workers\n", nil, nil, `kumite.yaml:1: expected settings as key: value lines, e.g. workers: 4`},
		{"list expected", "chrome-flags: {a: b}\n", nil, nil,
			"kumite.yaml:1: chrome-flags: expected a list, e.g.\n  chrome-flags:\n    - --lang=de-DE"},
		{"list item not a value", "paths:\n  - [a]\n", nil, nil, `kumite.yaml:2: paths: expected one value per - item, not a list`},
		{"one value expected", "workers: [1]\n", nil, nil, `kumite.yaml:1: workers: expected one value, not a list`},
		{"vars not a map", "vars: [a]\n", nil, nil, "kumite.yaml:1: vars: expected NAME: VALUE lines, e.g.\n  vars:\n    user: alice"},
		{"bad var name in file", "vars:\n  a b: 1\n", nil, nil,
			`kumite.yaml:2: vars: variable name "a b": use letters, digits, _, . and -, starting with a letter or _`},
		{"var value not a value", "vars:\n  a: [1]\n", nil, nil, `kumite.yaml:2: vars.a: expected one value, not a list`},
		{"envs not a map", "envs: [a]\n", nil, nil,
			"kumite.yaml:1: envs: expected a section per environment, e.g.\n  envs:\n    staging:\n      base-url: https://staging.example.com"},

		// where: the environment variable
		{"env value", "", []string{"KUMITE_WORKERS=x"}, nil, `KUMITE_WORKERS="x": not a whole number`},
		{"env switch", "", []string{"KUMITE_HEADLESS=maybe"}, nil, `KUMITE_HEADLESS="maybe": expected true or false`},
		{"env typo", "", []string{"KUMITE_WORKER=3"}, nil, `KUMITE_WORKER="3": not a kumite setting (did you mean KUMITE_WORKERS?)`},
		{"env snake typo", "", []string{"KUMITE_BASEURL=http://x"}, nil, `KUMITE_BASEURL="http://x": not a kumite setting (did you mean KUMITE_BASE_URL?)`},
		{"env vars", "", []string{"KUMITE_VARS=a=b"}, nil, `KUMITE_VARS="a=b": set a variable with KUMITE_VAR_<NAME>=VALUE`},
		{"env paths", "", []string{"KUMITE_PATHS=a"}, nil, `KUMITE_PATHS="a": give paths as arguments of kumite run, or as paths: in kumite.yaml`},
		{"env var name", "", []string{"KUMITE_VAR_1x=1"}, nil,
			`KUMITE_VAR_1x="1": variable name "1x": use letters, digits, _, . and -, starting with a letter or _`},

		// where: the flag as typed
		{"flag window size", "", nil, []Setting{{"window-size", "19x"}}, `--window-size 19x: expected WIDTHxHEIGHT, e.g. 1920x1080`},
		{"flag quoted", "", nil, []Setting{{"workers", "two words"}}, `--workers "two words": not a whole number`},
		{"flag empty", "", nil, []Setting{{"out", ""}}, `--out "": empty folder name`},
		{"positional path", "", nil, []Setting{{"path", ""}}, `"": empty path`},
		{"workers 0", "", nil, []Setting{{"workers", "0"}}, `--workers 0: must be 1 or more`},
		{"retries -1", "", nil, []Setting{{"retries", "-1"}}, `--retries -1: must be 0 or more`},
		{"bare number duration", "", nil, []Setting{{"timeout", "10"}}, `--timeout 10: a duration needs a unit, e.g. 10s, 500ms, 5m`},
		{"bad duration", "", nil, []Setting{{"scenario-timeout", "5 min"}}, `--scenario-timeout "5 min": not a duration; use a number and a unit, e.g. 10s, 500ms, 5m`},
		{"zero duration", "", nil, []Setting{{"timeout", "0s"}}, `--timeout 0s: must be more than 0`},
		{"shard past N", "", nil, []Setting{{"shard", "5/4"}}, `--shard 5/4: expected I/N with 1 <= I <= N, e.g. 2/4`},
		{"shard 0", "", nil, []Setting{{"shard", "0/4"}}, `--shard 0/4: expected I/N with 1 <= I <= N, e.g. 2/4`},
		{"shard no N", "", nil, []Setting{{"shard", "2"}}, `--shard 2: expected I/N with 1 <= I <= N, e.g. 2/4`},
		{"screenshots", "", nil, []Setting{{"screenshots", "always"}}, `--screenshots always: expected off, on-failure or every-step`},
		{"publish", "", nil, []Setting{{"publish", "https://b/p"}}, `--publish https://b/p: expected s3://BUCKET or s3://BUCKET/PREFIX`},
		{"publish no bucket", "", nil, []Setting{{"publish", "s3://"}}, `--publish s3://: expected s3://BUCKET or s3://BUCKET/PREFIX`},
		{"base url without scheme", "", nil, []Setting{{"base-url", "localhost:8080"}}, `--base-url localhost:8080: expected an absolute URL, e.g. http://localhost:8080`},
		{"remote", "", nil, []Setting{{"remote", "127.0.0.1:9222"}},
			`--remote 127.0.0.1:9222: expected ws://… or http://HOST:PORT of a Chrome started with --remote-debugging-port`},
		{"web-server-url", "", nil, []Setting{{"web-server-url", "ws://x"}},
			`--web-server-url ws://x: expected an http:// or https:// URL, e.g. http://localhost:3000/health`},
		{"var", "", nil, []Setting{{"var", "user"}}, `--var user: expected NAME=VALUE, e.g. user=alice`},
		{"var empty name", "", nil, []Setting{{"var", "=x"}}, `--var =x: expected NAME=VALUE, e.g. user=alice; NAME is empty`},
		{"chrome flag", "", nil, []Setting{{"chrome-flag", "--"}}, `--chrome-flag --: expected a Chrome switch, e.g. --lang=de-DE`},
		{"switch", "", nil, []Setting{{"headless", "maybe"}}, `--headless=maybe: expected true or false`},
		{"not a setting", "", nil, []Setting{{"wokers", "2"}}, `--wokers: not a setting of kumite run`},

		// combinations
		{"web-server without URL", "", nil, []Setting{{"web-server", "npm start"}},
			`--web-server "npm start": also set web-server-url, the URL that answers once the app is ready`},

		// all at once, in source order: file, environment, flags
		{"every error", "workers: x\nretries: y\n", []string{"KUMITE_TIMEOUT=1"}, []Setting{{"shard", "x"}},
			"kumite.yaml:1: workers \"x\": not a whole number\n" +
				"kumite.yaml:2: retries \"y\": not a whole number\n" +
				"KUMITE_TIMEOUT=\"1\": a duration needs a unit, e.g. 10s, 500ms, 5m\n" +
				"--shard x: expected I/N with 1 <= I <= N, e.g. 2/4"},
		{"anchor reported once", "envs:\n  a: &a\n    workers: x\n  b:\n    <<: *a\n", nil, nil,
			`kumite.yaml:3: workers "x": not a whole number`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := load(t, tc.file, tc.env, tc.flags...)
			if err == nil {
				t.Fatalf("Load succeeded, want error %q", tc.want)
			}
			if err.Error() != tc.want {
				t.Errorf("Load error:\n got: %s\nwant: %s", err, tc.want)
			}
			if !reflect.DeepEqual(c, Config{}) {
				t.Errorf("Load returned a Config with its error: %+v", c)
			}
		})
	}
}

// TestLoadEnvMissing: an env that names no envs: section loads, with the
// error the runner reports unless a karate-config.js reads it as karate.env.
func TestLoadEnvMissing(t *testing.T) {
	tests := []struct {
		name  string
		file  string
		env   []string
		flags []Setting
		want  string
	}{
		{"--env missing", "envs:\n  prod: {}\n  dev: {}\n", nil, []Setting{{"env", "staging"}},
			`--env staging: kumite.yaml has no envs.staging (it has: dev, prod)`},
		{"KUMITE_ENV, no envs", "workers: 2\n", []string{"KUMITE_ENV=x"}, nil,
			`KUMITE_ENV="x": kumite.yaml has no envs.x (it has no envs: section)`},
		{"env: in file", "env: nope\nenvs:\n  dev:\n", nil, nil, `kumite.yaml:1: env "nope": kumite.yaml has no envs.nope (it has: dev)`},
		{"--env, no file", "", nil, []Setting{{"env", "ci"}}, `--env ci: there is no kumite.yaml to take envs.ci from`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := load(t, tc.file, tc.env, tc.flags...)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.EnvMissing == nil || c.EnvMissing.Error() != tc.want {
				t.Errorf("EnvMissing %v, want %q", c.EnvMissing, tc.want)
			}
		})
	}
	c, err := load(t, "envs:\n  dev: {}\n", nil, Setting{"env", "dev"})
	if err != nil || c.EnvMissing != nil || c.Env != "dev" {
		t.Errorf("--env dev with envs.dev: Env %q, EnvMissing %v, err %v", c.Env, c.EnvMissing, err)
	}
}

func TestLoadIgnores(t *testing.T) {
	env := []string{
		"PATH=/bin", "KUMITE_VERSION=1.2", // another tool's; nowhere near a setting
		"KUMITE_WORKERS=",                      // empty is unset
		"KUMITE_RETRIES=1", "KUMITE_RETRIES=3", // the last one wins, as in App.Getenv
	}
	c, err := load(t, "", env)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if c.Workers != 4 || c.Retries != 3 {
		t.Errorf("Workers, Retries = %d, %d; want 4, 3", c.Workers, c.Retries)
	}
}

func TestWhere(t *testing.T) {
	c, err := load(t, "out: r\ntags: \"@a\"\n", []string{"KUMITE_WORKERS=2"},
		Setting{"tags", "@a and"}, Setting{"headless", "false"}, Setting{"path", "x y"})
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{
		"tags":     `--tags "@a and"`,
		"out":      `kumite.yaml:1: out "r"`,
		"workers":  `KUMITE_WORKERS="2"`,
		"headless": `--headless=false`,
		"path":     `"x y"`,
		"retries":  `default retries`,
	} {
		if got := c.Where(name); got != want {
			t.Errorf("Where(%q) = %q, want %q", name, got, want)
		}
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"workers", "base-url", "chrome-flags", "tags", "out", "env", "envs"}
	for in, want := range map[string]string{
		"workres":     "workers",
		"worker":      "workers",
		"BASE_URL":    "base-url",
		"baseUrl":     "base-url",
		"chrome-flag": "chrome-flags",
		"tag":         "tags",
		"en":          "env",
		"colour":      "",
		"x":           "",
		"timeout":     "",
	} {
		if got := closest(in, keys); got != want {
			t.Errorf("closest(%q) = %q, want %q", in, got, want)
		}
	}
}
