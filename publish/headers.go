package publish

import (
	"path"
	"strings"
)

// contentTypes maps a lower-case file extension to the Content-Type every
// object gets. kumite ships its own table so that a report looks the same
// whatever /etc/mime.types the publishing machine has.
var contentTypes = map[string]string{
	".html":    "text/html; charset=utf-8",
	".htm":     "text/html; charset=utf-8",
	".css":     "text/css; charset=utf-8",
	".js":      "text/javascript; charset=utf-8",
	".mjs":     "text/javascript; charset=utf-8",
	".map":     "application/json; charset=utf-8",
	".json":    "application/json; charset=utf-8",
	".har":     "application/json; charset=utf-8",
	".ndjson":  "application/x-ndjson; charset=utf-8",
	".xml":     "application/xml; charset=utf-8",
	".txt":     "text/plain; charset=utf-8",
	".log":     "text/plain; charset=utf-8",
	".feature": "text/plain; charset=utf-8",
	".md":      "text/markdown; charset=utf-8",
	".csv":     "text/csv; charset=utf-8",
	".yaml":    "application/yaml; charset=utf-8",
	".yml":     "application/yaml; charset=utf-8",
	".png":     "image/png",
	".jpg":     "image/jpeg",
	".jpeg":    "image/jpeg",
	".gif":     "image/gif",
	".webp":    "image/webp",
	".avif":    "image/avif",
	".svg":     "image/svg+xml",
	".ico":     "image/x-icon",
	".webm":    "video/webm",
	".mp4":     "video/mp4",
	".woff":    "font/woff",
	".woff2":   "font/woff2",
	".ttf":     "font/ttf",
	".pdf":     "application/pdf",
	".zip":     "application/zip",
	".gz":      "application/gzip",
	".wasm":    "application/wasm",
}

// contentType returns the Content-Type of the file named name;
// application/octet-stream when the extension is not in the table.
func contentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

// Cache-Control values. A run folder never changes once published, so a
// browser or CloudFront may keep it; the history page, history.json,
// latest/ and a flat sync are replaced in place and must be revalidated.
const (
	cacheRun     = "public, max-age=31536000, immutable"
	cacheNoCache = "no-cache"
)
