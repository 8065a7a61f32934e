package results

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// RunID names a run: "build-<n>" for CodeBuild's build number n, else the
// UTC time it started, 20260214T101500Z.
func RunID(buildNumber string, start time.Time) string {
	if buildNumber != "" {
		return "build-" + buildNumber
	}
	return start.UTC().Format("20060102T150405Z")
}

// Merge combines runs, the reports of the shards of one suite, into one
// run: every feature once (the scenarios of a feature that was split
// across shards together, in file order), every attempt marked with the
// 1-based shard it came from so that workers stay apart, start the
// earliest and end the latest, counts and status recomputed. A scenario
// found in two runs is an error: each shard is merged once. The runs are
// changed; the result shares their scenarios.
func Merge(runs []*Run) (*Run, error) {
	if len(runs) == 0 {
		return nil, errors.New("merge: no report to merge")
	}
	first := runs[0]
	merged := &Run{Schema: SchemaVersion, Env: first.Env, Start: first.Start, End: first.End}
	merged.Env.Shard, merged.Env.Workers = "", 0
	byURI := map[string]*Feature{}
	where := map[string]int{} // scenario key -> shard
	for i, run := range runs {
		shard := i + 1
		merged.Env.Workers += run.Env.Workers
		if !run.Start.IsZero() && (merged.Start.IsZero() || run.Start.Before(merged.Start)) {
			merged.Start = run.Start
		}
		if run.End.After(merged.End) {
			merged.End = run.End
		}
		merged.Interrupted = merged.Interrupted || run.Interrupted
		for _, e := range run.Errors {
			merged.Errors = append(merged.Errors, fmt.Sprintf("shard %d: %s", shard, e))
		}
		for _, f := range run.Features {
			if f == nil {
				continue
			}
			mf := byURI[f.URI]
			if mf == nil {
				mf = &Feature{URI: f.URI, Name: f.Name, Description: f.Description, Line: f.Line, Tags: f.Tags, TagLines: f.TagLines, Background: f.Background}
				byURI[f.URI] = mf
				merged.Features = append(merged.Features, mf)
			}
			for _, s := range f.Scenarios {
				if s == nil {
					continue
				}
				key := fmt.Sprintf("%s:%d %s", f.URI, s.Line, s.Name)
				if other, ok := where[key]; ok {
					return nil, fmt.Errorf("merge: scenario %q (%s:%d) is in shard %d and shard %d; merge each shard's report once",
						s.Name, f.URI, s.Line, other, shard)
				}
				where[key] = shard
				for _, a := range s.Attempts {
					if a != nil && len(runs) > 1 {
						a.Shard = shard
					}
				}
				mf.Scenarios = append(mf.Scenarios, s)
			}
		}
	}
	for fi, f := range merged.Features {
		f.ID = fmt.Sprintf("f%d", fi+1)
		slices.SortStableFunc(f.Scenarios, func(a, b *Scenario) int { return a.Line - b.Line })
		for si, s := range f.Scenarios {
			s.ID = fmt.Sprintf("%s-s%d", f.ID, si+1)
		}
	}
	merged.ID = RunID("", merged.Start)
	merged.Finish(merged.End)
	return merged, nil
}

// MergeDirs merges the reports in the folders srcs (see Merge) and copies
// their attachments into the report folder out, each shard's under
// shotDir/shard-N/ so that no two files collide; attachment paths are
// rewritten to match. An attachment that is missing or leads out of its
// folder is not copied (its path stays, the page shows it missing); such
// files are returned in skipped. It does not write results.json.
func MergeDirs(out, shotDir string, srcs []string) (run *Run, skipped []string, err error) {
	runs := make([]*Run, len(srcs))
	for i, dir := range srcs {
		if runs[i], err = Read(dir); err != nil {
			return nil, nil, err
		}
	}
	if run, err = Merge(runs); err != nil {
		return nil, nil, err
	}
	for i, r := range runs { // r shares its scenarios with run
		miss, err := copyAttachments(r, srcs[i], out, shotDir, i+1)
		if err != nil {
			return nil, nil, err
		}
		skipped = append(skipped, miss...)
	}
	return run, skipped, nil
}

// copyAttachments copies every attachment of run from the folder src into
// out, shotDir/x.jpg to shotDir/shard-N/x.jpg (any other path p to
// shotDir/shard-N/p), and rewrites its path. The copy reads src through an
// os.Root, so a symlink cannot lead out of it.
func copyAttachments(run *Run, src, out, shotDir string, shard int) (skipped []string, err error) {
	prefix := path.Join(shotDir, fmt.Sprintf("shard-%d", shard))
	root, err := os.OpenRoot(src)
	if err != nil {
		return nil, fmt.Errorf("merge %s: %w", src, err)
	}
	defer root.Close()
	copied := map[string]string{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			for _, a := range s.Attempts {
				for _, st := range a.Steps {
					for i := range st.Attachments {
						at := &st.Attachments[i]
						if to, ok := copied[at.Path]; ok {
							at.Path = to
							continue
						}
						if !fs.ValidPath(at.Path) || strings.Contains(at.Path, `\`) {
							skipped = append(skipped, filepath.Join(src, at.Path))
							continue
						}
						to := path.Join(prefix, strings.TrimPrefix(at.Path, shotDir+"/"))
						err := copyFile(root, at.Path, filepath.Join(out, filepath.FromSlash(to)))
						if errors.Is(err, fs.ErrNotExist) {
							skipped = append(skipped, filepath.Join(src, filepath.FromSlash(at.Path)))
							continue
						}
						if err != nil {
							return nil, fmt.Errorf("merge: copy %s: %w", filepath.Join(src, at.Path), err)
						}
						copied[at.Path] = to
						at.Path = to
					}
				}
			}
		}
	}
	return skipped, nil
}

func copyFile(root *os.Root, rel, target string) error {
	in, err := root.Open(rel)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return err
	}
	outf, err := os.Create(target)
	if err != nil {
		return err
	}
	if _, err := io.Copy(outf, in); err != nil {
		outf.Close()
		return err
	}
	return outf.Close()
}
