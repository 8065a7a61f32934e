package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// Setting is one value the user gave on the command line: a flag as typed
// (Name without dashes, e.g. "base-url"; a switch as "true" or "false"),
// or a positional argument as Setting{Name: "path"}.
type Setting struct{ Name, Value string }

// Sources is everything Load reads besides the defaults.
type Sources struct {
	Dir   string    // working directory: ./kumite.yaml is looked up and --config resolved here
	Env   []string  // KEY=VALUE as os.Environ; only KUMITE_* and CODEBUILD_CURRENT_SHARD_FILES are read
	Flags []Setting // only the flags the user set, in command-line order, --config included
}

// DefaultFile is the settings file Load reads from Sources.Dir when
// neither --config nor KUMITE_CONFIG names one. It may be absent.
const DefaultFile = "kumite.yaml"

// assignment is one value from one source, not parsed yet.
type assignment struct {
	info  *SettingInfo
	value string // KindVars: NAME=VALUE
	where string // error prefix: `--workers two`, `KUMITE_WORKERS="two"`, `kumite.yaml:3: workers "two"`
	empty bool   // a KindList given as an empty list: clears it
}

// Load merges, later winning: Defaults(cpus), the settings file, its
// envs.<name> section selected by env (flag, then KUMITE_ENV, then the
// file's env:), KUMITE_* variables, and the flags. A list setting given by
// a source replaces the list of the sources before it; variables merge by
// name. Every bad key or value is reported, each naming its source; on
// error the Config is the zero value.
func Load(cpus int, src Sources) (Config, error) {
	c := Defaults(cpus)
	c.Origins = map[string]string{}
	env, errs := envAssignments(src.Env)
	shardFiles, fromShard := shardFileAssignments(src.Env)
	env = append(env, shardFiles...)
	flags, ferrs := flagAssignments(src.Flags)
	errs = append(errs, ferrs...)

	f, err := readFile(src.Dir, last("config", env, flags))
	if err != nil {
		return Config{}, errors.Join(append(errs, err)...)
	}
	errs = append(errs, f.errs...)
	c.File = f.name

	selected := last("env", f.top, env, flags)
	// An env with no envs: section is an error the runner reports, unless
	// a karate-config.js of the run reads it as karate.env (Karate's -Dkarate.env).
	section, envMissing := f.section(selected)
	for _, name := range f.envNames() {
		if section == nil || name != selected.value {
			// Check the sections this run does not use too, so a typo in
			// envs.prod shows up on a developer's machine, not in CI.
			scratch := Defaults(cpus)
			scratch.Origins = map[string]string{}
			errs = append(errs, apply(&scratch, f.envs[name])...)
		}
	}
	for _, layer := range [][]assignment{f.top, section, env, flags} {
		errs = append(errs, apply(&c, layer)...)
	}
	c.EmptyShard = fromShard && len(c.Paths) == 0
	c.EnvMissing = envMissing
	errs = append(errs, check(c)...)
	if len(errs) > 0 {
		return Config{}, joinUnique(errs)
	}
	return c, nil
}

// joinUnique joins errs, dropping repeats: a value an anchor (<<: *base)
// brings into several envs: sections is reported once.
func joinUnique(errs []error) error {
	seen := map[string]bool{}
	var out []error
	for _, err := range errs {
		if !seen[err.Error()] {
			seen[err.Error()] = true
			out = append(out, err)
		}
	}
	return errors.Join(out...)
}

// apply parses one source's assignments into c. The first value of a list
// setting in the source empties the list the earlier sources left.
func apply(c *Config, layer []assignment) []error {
	var errs []error
	started := map[*SettingInfo]bool{}
	for _, a := range layer {
		if a.info.reset != nil && !started[a.info] {
			a.info.reset(c)
			started[a.info] = true
		}
		if !a.empty {
			if err := a.info.set(c, a.value); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", a.where, err))
				continue
			}
		}
		c.Origins[a.info.Name] = a.where
	}
	return errs
}

// check reports combinations of settings that cannot work.
func check(c Config) []error {
	if c.WebServer != "" && c.WebServerURL == "" {
		return []error{fmt.Errorf("%s: also set web-server-url, the URL that answers once the app is ready", c.Where("web-server"))}
	}
	return nil
}

// last returns the last assignment of the setting name in the last layer
// that has one, or nil.
func last(name string, layers ...[]assignment) *assignment {
	for i := len(layers) - 1; i >= 0; i-- {
		for j := len(layers[i]) - 1; j >= 0; j-- {
			if layers[i][j].info.Name == name {
				return &layers[i][j]
			}
		}
	}
	return nil
}

// flagAssignments turns the command-line settings into assignments.
func flagAssignments(flags []Setting) ([]assignment, []error) {
	var out []assignment
	var errs []error
	for _, f := range flags {
		info := setting(f.Name)
		if info == nil {
			errs = append(errs, fmt.Errorf("--%s: not a setting of kumite run", f.Name))
			continue
		}
		out = append(out, assignment{info: info, value: f.Value, where: flagWhere(info, f.Value)})
	}
	return out, errs
}

// flagWhere shows a flag the way it was typed: --workers two,
// --tags "@a and", --headless=false, or a bare argument.
func flagWhere(info *SettingInfo, v string) string {
	switch {
	case info.Arg:
		return shellWord(v)
	case info.Kind == KindBool:
		return "--" + info.Name + "=" + v
	}
	return "--" + info.Name + " " + shellWord(v)
}

// shellWord quotes v when a shell would not read it as one plain word.
func shellWord(v string) string {
	plain := func(r rune) bool {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' ||
			strings.ContainsRune("-_./:=@%+,", r)
	}
	if v == "" || strings.ContainsFunc(v, func(r rune) bool { return !plain(r) }) {
		return strconv.Quote(v)
	}
	return v
}

// envPrefix starts every environment variable kumite reads.
const envPrefix = "KUMITE_"

// varPrefix starts the variables that set a --var: KUMITE_VAR_user=alice.
const varPrefix = "KUMITE_VAR_"

// envAssignments reads the KUMITE_* variables of env (the last of a
// duplicated name wins, empty ones count as unset) in name order.
// KUMITE_CHROME_FLAG holds several switches separated by spaces.
func envAssignments(env []string) ([]assignment, []error) {
	vals := map[string]string{}
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && strings.HasPrefix(k, envPrefix) {
			vals[k] = v
		}
	}
	names := make([]string, 0, len(vals))
	for k := range vals {
		names = append(names, k)
	}
	slices.Sort(names)

	var out []assignment
	var errs []error
	for _, k := range names {
		v := vals[k]
		if v == "" {
			continue
		}
		where := fmt.Sprintf("%s=%q", k, v)
		if name, ok := strings.CutPrefix(k, varPrefix); ok {
			if err := checkVarName(name); err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", where, err))
				continue
			}
			out = append(out, assignment{info: setting("var"), value: name + "=" + v, where: where})
			continue
		}
		info := settingByEnv(k)
		switch {
		case info == nil:
			if hint := envHint(k); hint != "" {
				errs = append(errs, fmt.Errorf("%s: %s", where, hint))
			}
		case info.Kind == KindList:
			words := strings.Fields(v)
			if len(words) == 0 {
				out = append(out, assignment{info: info, where: where, empty: true})
			}
			for _, w := range words {
				out = append(out, assignment{info: info, value: w, where: where})
			}
		default:
			out = append(out, assignment{info: info, value: v, where: where})
		}
	}
	return out, errs
}

// settingByEnv returns the setting read from the variable k, or nil.
func settingByEnv(k string) *SettingInfo {
	for _, s := range Settings {
		if s.Env == k && s.Kind != KindVars {
			return s
		}
	}
	return nil
}

// envHint explains an unknown KUMITE_* variable that looks like a mistake,
// and returns "" for one that does not: other tools (a Dockerfile's
// KUMITE_VERSION) may use the prefix too.
func envHint(k string) string {
	rest := strings.TrimPrefix(k, envPrefix)
	switch rest {
	case "VAR", "VARS":
		return "set a variable with KUMITE_VAR_<NAME>=VALUE"
	case "PATH", "PATHS":
		return "give paths as arguments of kumite run, or as paths: in kumite.yaml"
	}
	var names []string
	for _, s := range Settings {
		if s.Env != "" && s.Kind != KindVars {
			names = append(names, strings.TrimPrefix(s.Env, envPrefix))
		}
	}
	if near := closest(rest, names); near != "" {
		return fmt.Sprintf("not a kumite setting (did you mean %s%s?)", envPrefix, near)
	}
	return ""
}

// settingsFile is what one kumite.yaml says.
type settingsFile struct {
	name string                  // as messages show it; "" when there is no file
	top  []assignment            // the top level
	envs map[string][]assignment // the envs.<name> sections
	errs []error                 // bad keys and values
}

// readFile reads the settings file named by config (--config or
// KUMITE_CONFIG), else ./kumite.yaml in dir if there is one.
func readFile(dir string, config *assignment) (settingsFile, error) {
	name, where := DefaultFile, ""
	if config != nil {
		name, where = config.value, config.where
		if name == "" {
			return settingsFile{}, fmt.Errorf("%s: empty file name", where)
		}
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(dir, path)
	}
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		return parseFile(data, name), nil
	case config == nil && errors.Is(err, fs.ErrNotExist):
		return settingsFile{}, nil
	case errors.Is(err, fs.ErrNotExist):
		return settingsFile{}, fmt.Errorf("%s: no such file", where)
	case config == nil:
		return settingsFile{}, fmt.Errorf("read %s: %w", name, err)
	}
	return settingsFile{}, fmt.Errorf("%s: %w", where, err)
}

// section returns the envs.<name> section that env selects; nil when env
// is nil or empty.
func (f settingsFile) section(env *assignment) ([]assignment, error) {
	if env == nil || env.value == "" {
		return nil, nil
	}
	if s, ok := f.envs[env.value]; ok {
		if s == nil {
			s = []assignment{} // selected but empty: not nil
		}
		return s, nil
	}
	if f.name == "" {
		return nil, fmt.Errorf("%s: there is no %s to take envs.%s from", env.where, DefaultFile, env.value)
	}
	if len(f.envs) == 0 {
		return nil, fmt.Errorf("%s: %s has no envs.%s (it has no envs: section)", env.where, f.name, env.value)
	}
	return nil, fmt.Errorf("%s: %s has no envs.%s (it has: %s)", env.where, f.name, env.value, strings.Join(f.envNames(), ", "))
}

// envNames returns the names of the envs: sections, sorted.
func (f settingsFile) envNames() []string {
	names := make([]string, 0, len(f.envs))
	for n := range f.envs {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}
