package results

import "testing"

func TestFromCodeBuild(t *testing.T) {
	const id = "kumite-e2e:0cfbb6ec-3db9-4e8c-992b-1ab28EXAMPLE"
	tests := []struct {
		name string
		env  map[string]string
		want Environment
	}{
		{"outside CodeBuild", map[string]string{"AWS_REGION": "eu-west-1", "HOME": "/root"}, Environment{}},
		{"push to a branch", map[string]string{
			"AWS_REGION": "eu-west-1", "CODEBUILD_BUILD_ID": id, "CODEBUILD_BUILD_NUMBER": "42",
			"CODEBUILD_RESOLVED_SOURCE_VERSION": "3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345",
			"CODEBUILD_SOURCE_VERSION":          "refs/heads/main",
			"CODEBUILD_WEBHOOK_TRIGGER":         "branch/main", "CODEBUILD_WEBHOOK_HEAD_REF": "refs/heads/main",
			"CODEBUILD_INITIATOR": "GitHub-Hookshot/abc",
		}, Environment{
			BuildID: id, BuildNum: "42", Commit: "3f9c2a1b7d4e5f60718293a4b5c6d7e8f9012345", Branch: "main",
			SourceVersion: "refs/heads/main", WebhookTrigger: "branch/main", Initiator: "GitHub-Hookshot/abc",
			BuildURL: "https://eu-west-1.console.aws.amazon.com/codesuite/codebuild/projects/kumite-e2e/build/" +
				"kumite-e2e:0cfbb6ec-3db9-4e8c-992b-1ab28EXAMPLE/?region=eu-west-1",
		}},
		{"pull request", map[string]string{
			"CODEBUILD_BUILD_ID": id, "CODEBUILD_SOURCE_VERSION": "pr/12", "CODEBUILD_WEBHOOK_TRIGGER": "pr/12",
			"CODEBUILD_WEBHOOK_HEAD_REF": "refs/heads/fix-login", "CODEBUILD_BUILD_URL": "https://example.test/b/1",
			"CODEBUILD_BATCH_BUILD_IDENTIFIER": "shard_2", "CODEBUILD_BUILD_BATCH_ID": "kumite-e2e:batch-1",
		}, Environment{
			BuildID: id, SourceVersion: "pr/12", WebhookTrigger: "pr/12", PullRequest: "12", Branch: "fix-login",
			BuildURL: "https://example.test/b/1", BatchBuildIdentifier: "shard_2", BatchBuildID: "kumite-e2e:batch-1",
		}},
		{"started by hand on a commit, no region", map[string]string{
			"CODEBUILD_BUILD_ID": id, "CODEBUILD_SOURCE_VERSION": "3f9c2a1", "CODEBUILD_INITIATOR": "alice",
		}, Environment{BuildID: id, SourceVersion: "3f9c2a1", Commit: "3f9c2a1", Initiator: "alice"}},
		{"started by hand on a branch", map[string]string{
			"CODEBUILD_BUILD_ID": id, "CODEBUILD_SOURCE_VERSION": "release-1",
		}, Environment{BuildID: id, SourceVersion: "release-1", Branch: "release-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got Environment
			got.FromCodeBuild(func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok })
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}
