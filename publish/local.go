package publish

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/kumite/kumite/internal/reportdir"
)

// localFile is one file of the report folder.
type localFile struct {
	rel     string // slash path relative to the folder: the key suffix
	path    string // path to open
	size    int64
	modTime time.Time
	md5     string // hex
	data    []byte // the content, kept from hashing for small files
}

// Small files are kept in memory from hashing to upload, so each is opened
// once: opening a file costs as much as sending it to a nearby S3. At most
// keepTotal bytes are kept.
const (
	keepSize  = 1 << 20
	keepTotal = 256 << 20
)

// scanDir lists the regular files under root the way `aws s3 sync` does,
// but never leaves the folder: a symbolic link is followed when it points
// inside root (a loop is walked once) and skipped with a warning when it
// points out of it (a report must not publish /etc/passwd). Anything else
// that is not a regular file or a folder is skipped with a warning, and so
// are links that point nowhere, names S3 cannot store and the folder's
// reportdir manifest (local bookkeeping, not part of the report).
func scanDir(root string, warn func(string)) ([]*localFile, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("read report folder: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("read report folder %s: not a folder", root)
	}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		return nil, fmt.Errorf("read report folder: %w", err)
	}
	w := &walker{warn: warn, seen: map[string]bool{}, root: real}
	if err := w.walk(root, ""); err != nil {
		return nil, err
	}
	return w.files, nil
}

type walker struct {
	warn  func(string)
	seen  map[string]bool // real paths of the folders being walked, against link loops
	root  string          // real path of the report folder
	files []*localFile
}

func (w *walker) walk(dir, rel string) error {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return fmt.Errorf("read folder %s: %w", dir, err)
	}
	if w.seen[real] {
		w.warn(fmt.Sprintf("skip %s: link loop", dir))
		return nil
	}
	w.seen[real] = true
	defer delete(w.seen, real) // a folder reached again by another link is walked again; only a loop is not
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("read folder %s: %w", dir, err)
	}
	for _, e := range entries {
		p, r := filepath.Join(dir, e.Name()), path.Join(rel, e.Name())
		if !utf8.ValidString(r) {
			w.warn(fmt.Sprintf("skip %s: S3 keys must be UTF-8", p))
			continue
		}
		if r == reportdir.ManifestName {
			continue
		}
		mode := e.Type()
		var info fs.FileInfo
		if mode&fs.ModeSymlink != 0 {
			target, err := filepath.EvalSymlinks(p)
			if err != nil {
				w.warn(fmt.Sprintf("skip %s: link to nothing", p))
				continue
			}
			if !reportdir.Inside(target, w.root) {
				w.warn(fmt.Sprintf("skip %s: a link out of the report folder (to %s)", p, target))
				continue
			}
			if info, err = os.Stat(p); err != nil {
				w.warn(fmt.Sprintf("skip %s: link to nothing", p))
				continue
			}
			mode = info.Mode().Type()
		}
		switch {
		case mode.IsDir():
			if err := w.walk(p, r); err != nil {
				return err
			}
		case mode.IsRegular():
			if info == nil {
				if info, err = e.Info(); err != nil {
					return fmt.Errorf("read %s: %w", p, err)
				}
			}
			w.files = append(w.files, &localFile{rel: r, path: p, size: info.Size(), modTime: info.ModTime()})
		default:
			w.warn(fmt.Sprintf("skip %s: not a regular file", p))
		}
	}
	return nil
}

// hashFiles fills in the MD5 of every file, reading a few at a time, and
// keeps the content of small files.
func hashFiles(ctx context.Context, files []*localFile) error {
	var kept atomic.Int64
	return forEach(ctx, 2*runtime.GOMAXPROCS(0), files, func(_ context.Context, f *localFile) error {
		keep := f.size <= keepSize && kept.Add(f.size) <= keepTotal
		return f.hash(keep)
	})
}

func (f *localFile) hash(keep bool) error {
	file, err := os.Open(f.path)
	if err != nil {
		return fmt.Errorf("hash %s: %w", f.path, err)
	}
	defer file.Close()
	h := md5.New()
	var w io.Writer = h
	var buf *bytes.Buffer
	if keep {
		buf = bytes.NewBuffer(make([]byte, 0, f.size+1))
		w = io.MultiWriter(h, buf)
	}
	n, err := io.Copy(w, file)
	if err != nil {
		return fmt.Errorf("hash %s: %w", f.path, err)
	}
	f.size, f.md5 = n, hex.EncodeToString(h.Sum(nil)) // the size read is the size sent
	if keep {
		f.data = buf.Bytes()
	}
	return nil
}
