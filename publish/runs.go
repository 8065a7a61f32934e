package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/kumite/kumite/internal/exitcode"
)

// historyWrites is how many times a publisher tries to add its run to
// history.json when other publishers keep changing it.
const historyWrites = 10

// afterHistoryRead runs between reading history.json and writing it back.
var afterHistoryRead = func() {} // shim for testing: lines publishers up to collide

// history publishes the folder as a new run: PREFIX/runs/<id>/ first, so
// that nothing links to a run before it is complete; then history.json and
// the history page; then latest/ when the run is the newest; last, the
// folders of runs --keep drops.
func (p *publisher) history(ctx context.Context, dir string, files []*localFile) error {
	e := newEntry(dir, files, p.opts.Build, p.out.warn)
	h, etag, err := p.readHistory(ctx)
	if err != nil {
		return err
	}
	if e.ID, err = p.chooseRunID(ctx, h, e); err != nil {
		return err
	}
	p.runID = e.ID
	run := target{dir: p.dest.Key("runs", e.ID) + "/", cacheControl: cacheRun, meta: map[string]string{metaRun: e.Source}}
	pl, err := p.plan(ctx, run, files)
	if err != nil {
		return err
	}
	if err := p.execute(ctx, pl); err != nil {
		return err
	}
	h, pruned, err := p.addRun(ctx, h, etag, e)
	if err != nil {
		return err
	}
	if h.newest(e) {
		latest := target{dir: p.dest.Key("latest") + "/", cacheControl: cacheNoCache}
		if pl, err = p.plan(ctx, latest, files); err != nil {
			return err
		}
		if err := p.execute(ctx, pl); err != nil {
			return err
		}
	}
	for _, r := range pruned {
		if pl, err = p.plan(ctx, target{dir: p.dest.Key("runs", r.ID) + "/"}, nil); err != nil {
			return err
		}
		if err := p.execute(ctx, pl); err != nil {
			return err
		}
	}
	return nil
}

// readHistory reads PREFIX/history.json and its ETag; a missing file is
// an empty history with no ETag.
func (p *publisher) readHistory(ctx context.Context) (*History, string, error) {
	key := p.dest.Key("history.json")
	out, err := p.c.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: &p.dest.Bucket, Key: &key})
	var missing *types.NoSuchKey
	if errors.As(err, &missing) {
		return &History{Schema: HistorySchema}, "", nil
	}
	if err != nil {
		return nil, "", p.c.s3Err("read "+p.dest.URL(key), p.dest.Bucket, key, err)
	}
	defer out.Body.Close()
	data, err := io.ReadAll(out.Body)
	if err != nil {
		return nil, "", p.c.s3Err("read "+p.dest.URL(key), p.dest.Bucket, key, err)
	}
	h, err := parseHistory(data)
	if err != nil {
		return nil, "", exitcode.With(exitcode.Failed, fmt.Errorf("read %s: not a kumite history (%v); move it away to start a new history", p.dest.URL(key), err))
	}
	return h, trimETag(out.ETag), nil
}

// chooseRunID returns the run id of e: the id it was published under
// before if the history has its source, else the first of e.ID, e.ID-2,
// e.ID-3… that neither the history nor another run's objects use (objects
// of an interrupted publish of this same report are its own).
func (p *publisher) chooseRunID(ctx context.Context, h *History, e Entry) (string, error) {
	if prev := h.bySource(e.Source); prev != nil {
		return prev.ID, nil
	}
	for n := 1; n <= 100; n++ {
		id := e.ID
		if n > 1 {
			id = fmt.Sprintf("%s-%d", e.ID, n)
		}
		if h.find(id) != nil {
			continue
		}
		owner, err := p.folderOwner(ctx, id)
		if err != nil {
			return "", err
		}
		if owner == "" || owner == e.Source {
			return id, nil
		}
	}
	return "", exitcode.With(exitcode.Failed, fmt.Errorf("publish to %s: runs/%s-2 to -100 are all taken", p.dest, e.ID))
}

// folderOwner returns the source of the run whose objects are in
// runs/<id>/, "" when the folder is empty.
func (p *publisher) folderOwner(ctx context.Context, id string) (string, error) {
	key, err := p.c.firstKey(ctx, p.dest.Bucket, p.dest.Key("runs", id)+"/")
	if err != nil || key == "" {
		return "", err
	}
	meta, _, _, err := p.c.metadata(ctx, p.dest.Bucket, key)
	if err != nil {
		return "", err
	}
	if meta[metaRun] == "" {
		return "not kumite", nil
	}
	return meta[metaRun], nil
}

// addRun adds e to the history and writes history.json, then the history
// page. The write is conditional on the ETag read (If-Match, or
// If-None-Match: * for the first run), so that a publisher that wrote in
// between is never overwritten: on a conflict it reads again and retries.
func (p *publisher) addRun(ctx context.Context, h *History, etag string, e Entry) (*History, []Entry, error) {
	key := p.dest.Key("history.json")
	for attempt := 1; ; attempt++ {
		afterHistoryRead()
		pruned, changed := h.add(e, p.opts.Keep)
		if !changed {
			return h, pruned, p.writeIndex(ctx, h, etag)
		}
		newETag, _, err := p.putBytes(ctx, key, h.encode(), func(in *s3.PutObjectInput) {
			if etag == "" {
				in.IfNoneMatch = aws.String("*")
			} else {
				in.IfMatch = aws.String(`"` + etag + `"`)
			}
		})
		if err == nil {
			return h, pruned, p.writeIndex(ctx, h, newETag)
		}
		if !conflict(err) || attempt == historyWrites {
			return nil, nil, p.c.s3Err("add run "+e.ID+" to "+p.dest.URL(key), p.dest.Bucket, key, err)
		}
		if p.opts.Verbose {
			fmt.Fprintf(p.opts.Stdout, "history.json changed while adding run %s; reading it again\n", e.ID)
		}
		if err := sleep(ctx, time.Duration(attempt)*time.Duration(50+rand.IntN(100))*time.Millisecond); err != nil {
			return nil, nil, err
		}
		if h, etag, err = p.readHistory(ctx); err != nil {
			return nil, nil, err
		}
	}
}

// writeIndex renders the history page from h, read with ETag etag, and
// writes it. Another publisher may have added a run to history.json and
// written its page before this one is written: so when history.json has
// moved on, render again from it, until the page shows the latest history.
func (p *publisher) writeIndex(ctx context.Context, h *History, etag string) error {
	key := p.dest.Key("index.html")
	title := p.dest.Prefix
	if title == "" {
		title = p.dest.Bucket
	}
	css := p.dest.Key("history.css")
	if _, _, err := p.putBytes(ctx, css, historyCSS, nil); err != nil {
		return p.c.s3Err("write "+p.dest.URL(css), p.dest.Bucket, css, err)
	}
	for range historyWrites {
		if _, _, err := p.putBytes(ctx, key, renderIndex(title, h), nil); err != nil {
			return p.c.s3Err("write "+p.dest.URL(key), p.dest.Bucket, key, err)
		}
		if p.opts.DryRun {
			return nil
		}
		_, now, _, err := p.c.metadata(ctx, p.dest.Bucket, p.dest.Key("history.json"))
		if err != nil || now == etag {
			return err
		}
		if h, etag, err = p.readHistory(ctx); err != nil {
			return err
		}
	}
	return nil
}

// conflict tells whether a conditional write lost to another writer.
func conflict(err error) bool {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "PreconditionFailed", "ConditionalRequestConflict":
			return true
		}
	}
	return false
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func trimETag(etag *string) string {
	s := aws.ToString(etag)
	if len(s) >= 2 && s[0] == '"' {
		return s[1 : len(s)-1]
	}
	return s
}
