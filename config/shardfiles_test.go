package config

import (
	"reflect"
	"strings"
	"testing"
)

func TestShardFilesSelectPaths(t *testing.T) {
	files := ShardFilesEnv + "=features/a.feature\n./features/b c.feature\r\n\n"
	for _, tt := range []struct {
		name  string
		file  string
		env   []string
		args  []string
		want  []string
		empty bool
	}{
		{name: "unset: the default", want: []string{"features"}},
		{name: "unset: the file's paths", file: "paths: [e2e]", want: []string{"e2e"}},
		{name: "the shard's files, blank lines and CR dropped", env: []string{files}, want: []string{"features/a.feature", "./features/b c.feature"}},
		{name: "they replace the file's paths", file: "paths: [e2e]", env: []string{files}, want: []string{"features/a.feature", "./features/b c.feature"}},
		{name: "arguments win", env: []string{files}, args: []string{"x.feature"}, want: []string{"x.feature"}},
		{name: "present and empty: no file, not the default", env: []string{ShardFilesEnv + "=\n"}, want: nil, empty: true},
		{name: "empty, but arguments given", env: []string{ShardFilesEnv + "="}, args: []string{"x.feature"}, want: []string{"x.feature"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var flags []Setting
			for _, a := range tt.args {
				flags = append(flags, Setting{Name: "path", Value: a})
			}
			c, err := load(t, tt.file, tt.env, flags...)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c.Paths, tt.want) || c.EmptyShard != tt.empty {
				t.Errorf("paths %q, empty shard %v; want %q, %v", c.Paths, c.EmptyShard, tt.want, tt.empty)
			}
		})
	}
}

func TestShardFilesNamedInErrors(t *testing.T) {
	c, err := load(t, "", []string{ShardFilesEnv + "=features/a.feature\nfeatures/b.feature"})
	if err != nil {
		t.Fatal(err)
	}
	if w := c.Where("path"); !strings.HasPrefix(w, ShardFilesEnv+" line 2") {
		t.Errorf("Where(path) = %q, want it to name %s and the line", w, ShardFilesEnv)
	}
}
