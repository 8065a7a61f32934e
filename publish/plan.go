package publish

import (
	"context"
	"sort"
)

// target is one folder on S3 that mirrors the report folder: runs/<id>/,
// latest/, or the prefix itself in the flat layout.
type target struct {
	dir          string            // key prefix ending in "/", or "" for the bucket root
	cacheControl string            // Cache-Control of every object
	meta         map[string]string // extra user metadata of every object
}

// plan is what bringing one target up to date takes.
type plan struct {
	target    target
	uploads   []*localFile
	deletes   []string // keys relative to target.dir
	unchanged int
}

// diff compares the local files with the objects of a target by key. A
// file whose object has its MD5 as ETag is unchanged; one whose object has
// the same size but another ETag is a suspect, to be settled by the MD5
// kept in the object's metadata (multipart or encrypted objects); every
// other file is uploaded. Objects with no local file are deleted.
func diff(files []*localFile, remote map[string]remoteObject) (uploads, suspects []*localFile, deletes []string, unchanged int) {
	local := make(map[string]bool, len(files))
	for _, f := range files {
		local[f.rel] = true
		obj, ok := remote[f.rel]
		switch {
		case !ok || obj.size != f.size:
			uploads = append(uploads, f)
		case obj.etag == f.md5:
			unchanged++
		default:
			suspects = append(suspects, f)
		}
	}
	for rel := range remote {
		if !local[rel] {
			deletes = append(deletes, rel)
		}
	}
	sort.Strings(deletes)
	return uploads, suspects, deletes, unchanged
}

// plan lists the target and works out what to upload and delete. Suspect
// files cost one HeadObject each.
func (p *publisher) plan(ctx context.Context, t target, files []*localFile) (*plan, error) {
	remote, err := p.c.list(ctx, p.dest.Bucket, t.dir)
	if err != nil {
		return nil, err
	}
	uploads, suspects, deletes, unchanged := diff(files, remote)
	same := make([]bool, len(suspects))
	idx := make([]int, len(suspects))
	for i := range idx {
		idx[i] = i
	}
	err = forEach(ctx, p.opts.Concurrency, idx, func(ctx context.Context, i int) error {
		meta, _, _, err := p.c.metadata(ctx, p.dest.Bucket, t.dir+suspects[i].rel)
		same[i] = err == nil && meta[metaMD5] == suspects[i].md5
		return err
	})
	if err != nil {
		return nil, err
	}
	for i, f := range suspects {
		if same[i] {
			unchanged++
		} else {
			uploads = append(uploads, f)
		}
	}
	return &plan{target: t, uploads: uploads, deletes: deletes, unchanged: unchanged}, nil
}
