package config

import (
	"fmt"
	"strings"
)

// ShardFilesEnv is the variable CodeBuild's codebuild-tests-run sets in each
// build of a parallel test run: the feature files of this shard, one path a
// line. When it is present it replaces the paths of kumite.yaml; paths given
// as arguments still win (codebuild-tests-run appends the same files to the
// test command).
const ShardFilesEnv = "CODEBUILD_CURRENT_SHARD_FILES"

// shardFileAssignments reads ShardFilesEnv from env: one path assignment
// per non-blank line, or an empty list when the variable is present but
// names no file (a shard that got no file runs nothing rather than the
// whole suite).
func shardFileAssignments(env []string) (paths []assignment, present bool) {
	var value string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, ShardFilesEnv+"="); ok {
			value, present = v, true
		}
	}
	if !present {
		return nil, false
	}
	info := setting("path")
	for i, line := range strings.Split(value, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			where := fmt.Sprintf("%s line %d %s", ShardFilesEnv, i+1, shellWord(line))
			paths = append(paths, assignment{info: info, value: line, where: where})
		}
	}
	if len(paths) == 0 {
		return []assignment{{info: info, where: ShardFilesEnv + " (empty)", empty: true}}, true
	}
	return paths, true
}
