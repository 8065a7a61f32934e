package results

import (
	"net/url"
	"regexp"
	"strings"
)

// FromCodeBuild fills the CI fields of e from AWS CodeBuild's variables,
// read through get (a lookup over the process environment, or a test's):
// the build id, number and link, the commit, the branch or pull request,
// who started the build and, in a batch build, the batch and this build's
// name in it. Outside CodeBuild it changes nothing. It reads no other
// variable but AWS_REGION, which only builds the link to the build.
func (e *Environment) FromCodeBuild(get func(string) (string, bool)) {
	v := func(name string) string { s, _ := get(name); return strings.TrimSpace(s) }
	e.BuildID = v("CODEBUILD_BUILD_ID")
	e.BuildNum = v("CODEBUILD_BUILD_NUMBER")
	e.Initiator = v("CODEBUILD_INITIATOR")
	e.SourceVersion = v("CODEBUILD_SOURCE_VERSION")
	e.WebhookTrigger = v("CODEBUILD_WEBHOOK_TRIGGER")
	e.BatchBuildIdentifier = v("CODEBUILD_BATCH_BUILD_IDENTIFIER")
	e.BatchBuildID = v("CODEBUILD_BUILD_BATCH_ID")

	e.Commit = v("CODEBUILD_RESOLVED_SOURCE_VERSION")
	if e.Commit == "" && commitLike.MatchString(e.SourceVersion) {
		e.Commit = e.SourceVersion
	}

	kind, name, _ := strings.Cut(e.WebhookTrigger, "/")
	if kind == "pr" {
		e.PullRequest = name
	} else if n, ok := strings.CutPrefix(e.SourceVersion, "pr/"); ok {
		e.PullRequest = n
	}
	e.Branch = strings.TrimPrefix(v("CODEBUILD_WEBHOOK_HEAD_REF"), "refs/heads/")
	switch {
	case e.Branch != "":
	case kind == "branch":
		e.Branch = name
	case e.SourceVersion != "" && !commitLike.MatchString(e.SourceVersion) &&
		!strings.HasPrefix(e.SourceVersion, "pr/") && !strings.HasPrefix(e.SourceVersion, "refs/tags/"):
		e.Branch = strings.TrimPrefix(e.SourceVersion, "refs/heads/")
	}

	e.BuildURL = v("CODEBUILD_BUILD_URL")
	if e.BuildURL == "" {
		e.BuildURL = consoleBuildURL(v("AWS_REGION"), e.BuildID)
	}
}

// commitLike matches a git commit id (abbreviated or whole).
var commitLike = regexp.MustCompile(`^[0-9a-f]{7,40}$`)

// consoleBuildURL is the CodeBuild console page of a build,
// https://REGION.console.aws.amazon.com/codesuite/codebuild/projects/PROJECT/build/PROJECT%3AUUID/?region=REGION;
// "" without a region or a build id of the form project:uuid.
func consoleBuildURL(region, buildID string) string {
	project, _, ok := strings.Cut(buildID, ":")
	if region == "" || !ok || project == "" {
		return ""
	}
	return "https://" + url.PathEscape(region) + ".console.aws.amazon.com/codesuite/codebuild/projects/" +
		url.PathEscape(project) + "/build/" + url.PathEscape(buildID) + "/?region=" + url.QueryEscape(region)
}
