package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/kumite/kumite/internal/exitcode"
	"github.com/kumite/kumite/results"
)

// Download copies the report that src holds into the local folder dir
// (which it creates): its results.json and every attachment that
// results.json names, nothing else. src is a report folder published with
// --layout flat, or a prefix published with the history layout, whose
// latest/ is taken. It is how `kumite report merge` reads s3:// sources,
// with the same client options as Publish. An attachment that is not in
// the bucket does not stop it: its URL is in missing.
func Download(ctx context.Context, c *Client, src Destination, dir string) (missing []string, err error) {
	base, err := c.reportPrefix(ctx, src)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", dir, err)
	}
	if err := c.download(ctx, src.Bucket, path.Join(base, results.FileName), filepath.Join(dir, results.FileName)); err != nil {
		return nil, err
	}
	run, err := results.Read(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src.URL(path.Join(base, results.FileName)), err)
	}
	var files []string
	seen := map[string]bool{}
	for _, f := range run.Features {
		for _, s := range f.Scenarios {
			for _, a := range s.Attempts {
				for _, st := range a.Steps {
					for _, at := range st.Attachments {
						if fs.ValidPath(at.Path) && !strings.Contains(at.Path, `\`) && !seen[at.Path] {
							seen[at.Path] = true
							files = append(files, at.Path)
						}
					}
				}
			}
		}
	}
	var mu sync.Mutex
	err = forEach(ctx, DefaultConcurrency, files, func(ctx context.Context, rel string) error {
		key := path.Join(base, rel)
		err := c.download(ctx, src.Bucket, key, filepath.Join(dir, filepath.FromSlash(rel)))
		if errors.Is(err, errNoObject) {
			mu.Lock()
			missing = append(missing, src.URL(key))
			mu.Unlock()
			return nil
		}
		return err
	})
	slices.Sort(missing)
	return missing, err
}

// errNoObject is the error of a download whose object does not exist.
var errNoObject = errors.New("no such object")

// reportPrefix is the key prefix of the report src holds: src itself when
// it has results.json, else its latest/ (the history layout).
func (c *Client) reportPrefix(ctx context.Context, src Destination) (string, error) {
	for _, base := range []string{src.Prefix, path.Join(src.Prefix, "latest")} {
		key := path.Join(base, results.FileName)
		_, _, ok, err := c.metadata(ctx, src.Bucket, key)
		if err != nil {
			return "", err
		}
		if ok {
			return base, nil
		}
	}
	return "", exitcode.Usagef("%s: no %s there nor under latest/ (is it a kumite report?)", src, results.FileName)
}

// download writes the object key to the file target.
func (c *Client) download(ctx context.Context, bucket, key, target string) error {
	out, err := c.s3.GetObject(ctx, &s3.GetObjectInput{Bucket: &bucket, Key: &key})
	var noKey *types.NoSuchKey
	if errors.As(err, &noKey) {
		return fmt.Errorf("download s3://%s/%s: %w", bucket, key, errNoObject)
	}
	if err != nil {
		return c.s3Err("download s3://"+bucket+"/"+key, bucket, key, err)
	}
	defer out.Body.Close()
	if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
		return fmt.Errorf("download s3://%s/%s: %w", bucket, key, err)
	}
	f, err := os.Create(target)
	if err != nil {
		return fmt.Errorf("download s3://%s/%s: %w", bucket, key, err)
	}
	if _, err := io.Copy(f, out.Body); err != nil {
		f.Close()
		return fmt.Errorf("download s3://%s/%s to %s: %w", bucket, key, target, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("download s3://%s/%s to %s: %w", bucket, key, target, err)
	}
	return nil
}
