package publish

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/kumite/kumite/internal/exitcode"
)

// Files above multipartThreshold go up in parts of at least partSize, the
// parts of one file one after the other (the pool runs files in parallel).
var (
	multipartThreshold int64 = 64 << 20 // shim for testing
	partSize           int64 = 16 << 20 // shim for testing
)

// deleteBatch is the most keys one DeleteObjects call takes.
const deleteBatch = 1000

// apply carries out a plan: every upload (the target's top index.html
// last, so that it never links to a page not there yet), then the
// deletes. A failed object is reported and the others go on; an error
// that every other call would hit too (unreachable endpoint, rejected
// credentials, missing bucket) stops the pool at once.
func (p *publisher) apply(ctx context.Context, pl *plan) error {
	stop := p.out.startProgress(len(pl.uploads), len(pl.deletes))
	defer stop()
	var pages, index []*localFile
	for _, f := range pl.uploads {
		if f.rel == "index.html" {
			index = append(index, f)
		} else {
			pages = append(pages, f)
		}
	}
	fails := &failures{}
	for _, batch := range [][]*localFile{pages, index} {
		err := forEach(ctx, p.opts.Concurrency, batch, func(ctx context.Context, f *localFile) error {
			return fails.add(p.upload(ctx, pl.target, f))
		})
		if err := fails.result(err, "upload"); err != nil {
			return err
		}
	}
	var batches [][]string
	for keys := pl.deletes; len(keys) > 0; keys = keys[min(deleteBatch, len(keys)):] {
		batches = append(batches, keys[:min(deleteBatch, len(keys))])
	}
	err := forEach(ctx, p.opts.Concurrency, batches, func(ctx context.Context, keys []string) error {
		return fails.add(p.delete(ctx, pl.target, keys))
	})
	return fails.result(err, "delete")
}

// failures counts the failures of single objects while the pool goes on.
type failures struct {
	mu    sync.Mutex
	count int
	code  exitcode.Code
}

// add counts err if it is a failure of one object (printed already) and
// returns any other error, which stops the pool.
func (f *failures) add(err error) error {
	var one *objectError
	if !errors.As(err, &one) {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	f.count += max(one.n, 1)
	f.code = max(f.code, exitcode.Of(err))
	return nil
}

// result is the error of a phase: the one that stopped the pool, else the
// count of objects that failed.
func (f *failures) result(poolErr error, what string) error {
	if poolErr != nil || f.count == 0 {
		return poolErr
	}
	return exitcode.With(f.code, fmt.Errorf("%d objects failed to %s (the first ones are listed above)", f.count, what))
}

// objectError is a failure of one object (or n objects of a delete batch)
// that does not stop the others.
type objectError struct {
	err error
	n   int
}

func (e *objectError) Error() string { return e.err.Error() }
func (e *objectError) Unwrap() error { return e.err }

// isObjectError tells whether an S3 failure is about one object only: an
// API error that is not about credentials, permissions, bucket or region.
func isObjectError(err error) bool {
	var api interface{ ErrorCode() string }
	return errors.As(err, &api) && exitcode.Of(err) == exitcode.Failed
}

// upload puts one file into the target.
func (p *publisher) upload(ctx context.Context, t target, f *localFile) error {
	key := t.dir + f.rel
	doing := fmt.Sprintf("publish %s to %s", f.path, p.dest.URL(key))
	var err error
	if f.size > multipartThreshold {
		err = p.putMultipart(ctx, t, f, key)
	} else {
		err = p.put(ctx, t, f, key)
	}
	if err != nil {
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			return err // stopped because another call failed
		}
		err = p.c.s3Err(doing, p.dest.Bucket, key, err)
		if isObjectError(err) {
			p.out.failed(err)
			err = &objectError{err: err}
		}
		return err
	}
	p.out.uploaded(p.dest.URL(key), f.size)
	return nil
}

// headers are the object headers a file gets in a target.
func (p *publisher) headers(t target, f *localFile) (typ string, meta map[string]string) {
	meta = map[string]string{metaMD5: f.md5}
	for k, v := range t.meta {
		meta[k] = v
	}
	return contentType(f.rel), meta
}

func (p *publisher) put(ctx context.Context, t target, f *localFile, key string) error {
	var body io.ReadSeeker = bytes.NewReader(f.data)
	if f.data == nil {
		file, err := os.Open(f.path)
		if err != nil {
			return err
		}
		defer file.Close()
		body = file
	}
	sum, _ := hex.DecodeString(f.md5)
	typ, meta := p.headers(t, f)
	in := &s3.PutObjectInput{
		Bucket:        &p.dest.Bucket,
		Key:           &key,
		Body:          body,
		ContentLength: aws.Int64(f.size),
		ContentMD5:    aws.String(base64.StdEncoding.EncodeToString(sum)), // S3 refuses a file that changed since it was hashed
		ContentType:   &typ,
		CacheControl:  &t.cacheControl,
		Metadata:      meta,
	}
	in.ServerSideEncryption, in.SSEKMSKeyId = p.sse()
	_, err := p.c.s3.PutObject(ctx, in)
	return err
}

func (p *publisher) putMultipart(ctx context.Context, t target, f *localFile, key string) error {
	body, err := os.Open(f.path)
	if err != nil {
		return err
	}
	defer body.Close()
	typ, meta := p.headers(t, f)
	in := &s3.CreateMultipartUploadInput{
		Bucket: &p.dest.Bucket, Key: &key, ContentType: &typ, CacheControl: &t.cacheControl, Metadata: meta,
	}
	in.ServerSideEncryption, in.SSEKMSKeyId = p.sse()
	created, err := p.c.s3.CreateMultipartUpload(ctx, in)
	if err != nil {
		return err
	}
	parts, err := p.putParts(ctx, body, f.size, key, created.UploadId)
	if err == nil {
		_, err = p.c.s3.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{
			Bucket: &p.dest.Bucket, Key: &key, UploadId: created.UploadId,
			MultipartUpload: &types.CompletedMultipartUpload{Parts: parts},
		})
	}
	if err != nil {
		// Parts of an aborted upload are billed until removed; try even
		// when ctx is done, briefly.
		abortCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		p.c.s3.AbortMultipartUpload(abortCtx, &s3.AbortMultipartUploadInput{Bucket: &p.dest.Bucket, Key: &key, UploadId: created.UploadId})
	}
	return err
}

func (p *publisher) putParts(ctx context.Context, body io.ReaderAt, size int64, key string, uploadID *string) ([]types.CompletedPart, error) {
	n := max(partSize, (size+9999)/10000) // S3 takes at most 10,000 parts
	var parts []types.CompletedPart
	for off, num := int64(0), int32(1); off < size; off, num = off+n, num+1 {
		length := min(n, size-off)
		out, err := p.c.s3.UploadPart(ctx, &s3.UploadPartInput{
			Bucket: &p.dest.Bucket, Key: &key, UploadId: uploadID, PartNumber: aws.Int32(num),
			Body: io.NewSectionReader(body, off, length), ContentLength: aws.Int64(length),
		})
		if err != nil {
			return nil, err
		}
		parts = append(parts, types.CompletedPart{ETag: out.ETag, PartNumber: aws.Int32(num)})
	}
	return parts, nil
}

// putBytes writes a small generated object (history.json, index.html)
// with no-cache. Without cond it first checks whether the object already
// holds body and then writes nothing; cond makes the write conditional.
// It returns the new ETag and whether it wrote; errors are the SDK's.
func (p *publisher) putBytes(ctx context.Context, key string, body []byte, cond func(*s3.PutObjectInput)) (etag string, wrote bool, err error) {
	sum := md5.Sum(body)
	hexSum := hex.EncodeToString(sum[:])
	if cond == nil {
		meta, etag, ok, err := p.c.metadata(ctx, p.dest.Bucket, key)
		if err != nil {
			return "", false, err
		}
		if ok && sameContent(etag, meta, hexSum) {
			p.out.same(1)
			return etag, false, nil
		}
	}
	if p.opts.DryRun {
		p.out.wouldUpload(p.dest.URL(key), int64(len(body)))
		return "", true, nil
	}
	in := &s3.PutObjectInput{
		Bucket:        &p.dest.Bucket,
		Key:           &key,
		Body:          bytes.NewReader(body),
		ContentLength: aws.Int64(int64(len(body))),
		ContentMD5:    aws.String(base64.StdEncoding.EncodeToString(sum[:])),
		ContentType:   aws.String(contentType(key)),
		CacheControl:  aws.String(cacheNoCache),
		Metadata:      map[string]string{metaMD5: hexSum},
	}
	in.ServerSideEncryption, in.SSEKMSKeyId = p.sse()
	if cond != nil {
		cond(in)
	}
	out, err := p.c.s3.PutObject(ctx, in)
	if err != nil {
		return "", false, err
	}
	p.out.uploaded(p.dest.URL(key), int64(len(body)))
	return trimETag(out.ETag), true, nil
}

// delete removes one batch of keys of the target.
func (p *publisher) delete(ctx context.Context, t target, rels []string) error {
	ids := make([]types.ObjectIdentifier, len(rels))
	for i, rel := range rels {
		ids[i] = types.ObjectIdentifier{Key: aws.String(t.dir + rel)}
	}
	out, err := p.c.s3.DeleteObjects(ctx, &s3.DeleteObjectsInput{
		Bucket: &p.dest.Bucket,
		Delete: &types.Delete{Objects: ids, Quiet: aws.Bool(true)},
	})
	if err != nil {
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			return err
		}
		return p.c.s3Err(fmt.Sprintf("delete %d objects under %s", len(rels), p.dest.URL(t.dir)), p.dest.Bucket, t.dir, err)
	}
	failed := map[string]bool{}
	for _, e := range out.Errors {
		key := aws.ToString(e.Key)
		failed[key] = true
		p.out.failed(fmt.Errorf("delete %s: %s: %s", p.dest.URL(key), aws.ToString(e.Code), aws.ToString(e.Message)))
	}
	for _, id := range ids {
		if !failed[*id.Key] {
			p.out.deleted(p.dest.URL(*id.Key))
		}
	}
	if len(out.Errors) > 0 {
		return &objectError{err: exitcode.With(exitcode.Failed, fmt.Errorf("%d of %d deletes failed", len(out.Errors), len(rels))), n: len(out.Errors)}
	}
	return nil
}

// sse returns the server-side encryption headers the options ask for.
func (p *publisher) sse() (types.ServerSideEncryption, *string) {
	var keyID *string
	if p.opts.SSEKMSKeyID != "" {
		keyID = &p.opts.SSEKMSKeyID
	}
	return types.ServerSideEncryption(p.opts.SSE), keyID
}
