package publish

import (
	"fmt"
	"net/url"
	"path"
	"strings"
)

// Destination is where a report goes: a bucket and a key prefix, parsed
// from s3://BUCKET[/PREFIX].
type Destination struct {
	Bucket string
	Prefix string // without leading or trailing slash; "" for the bucket root
}

// destForm is the expected form, shown in every parse error.
const destForm = "s3://BUCKET[/PREFIX]"

// ParseDestination parses s3://BUCKET[/PREFIX]; slashes around the prefix
// are ignored.
func ParseDestination(s string) (Destination, error) {
	rest, ok := strings.CutPrefix(s, "s3://")
	if !ok {
		return Destination{}, fmt.Errorf("destination %q: want %s", s, destForm)
	}
	bucket, prefix, _ := strings.Cut(rest, "/")
	if err := checkBucket(bucket); err != nil {
		return Destination{}, fmt.Errorf("destination %q: %v; want %s", s, err, destForm)
	}
	prefix = strings.Trim(prefix, "/")
	if strings.Contains(prefix, "//") {
		return Destination{}, fmt.Errorf("destination %q: empty folder name in the prefix; want %s", s, destForm)
	}
	for _, seg := range strings.Split(prefix, "/") {
		if seg == "." || seg == ".." {
			return Destination{}, fmt.Errorf("destination %q: %q in the prefix; want %s", s, seg, destForm)
		}
	}
	return Destination{Bucket: bucket, Prefix: prefix}, nil
}

// checkBucket applies S3's bucket naming rules that a typo breaks: 3 to 63
// lower-case letters, digits, dots and hyphens, starting and ending with a
// letter or digit.
func checkBucket(b string) error {
	if b == "" {
		return fmt.Errorf("no bucket name")
	}
	if len(b) < 3 || len(b) > 63 {
		return fmt.Errorf("bucket name %q must be 3 to 63 characters", b)
	}
	for _, r := range b {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return fmt.Errorf("bucket name %q may only have lower-case letters, digits, dots and hyphens", b)
		}
	}
	if strings.Trim(b, ".-") != b {
		return fmt.Errorf("bucket name %q must start and end with a letter or digit", b)
	}
	return nil
}

// String returns the destination as s3://BUCKET/PREFIX/ (s3://BUCKET/ at
// the root).
func (d Destination) String() string { return "s3://" + d.Bucket + "/" + d.dir() }

// Key returns the object key of rel (a slash path) under the prefix.
func (d Destination) Key(rel ...string) string {
	return path.Join(append([]string{d.Prefix}, rel...)...)
}

// URL returns the s3:// URL of key.
func (d Destination) URL(key string) string { return "s3://" + d.Bucket + "/" + key }

// dir is the prefix as a folder: "p/" or "" for the root.
func (d Destination) dir() string {
	if d.Prefix == "" {
		return ""
	}
	return d.Prefix + "/"
}

// httpsURL returns the URL a browser opens for key: virtual-hosted on AWS
// (path-style when the bucket name has a dot, which breaks the wildcard
// certificate), path-style on a custom endpoint.
func (d Destination) httpsURL(endpoint, region, key string) string {
	escaped := (&url.URL{Path: "/" + key}).EscapedPath()
	if endpoint != "" {
		return strings.TrimRight(endpoint, "/") + "/" + d.Bucket + escaped
	}
	if strings.Contains(d.Bucket, ".") {
		return "https://s3." + region + ".amazonaws.com/" + d.Bucket + escaped
	}
	return "https://" + d.Bucket + ".s3." + region + ".amazonaws.com" + escaped
}

// consoleURL returns the AWS console page of the prefix.
func (d Destination) consoleURL(region string) string {
	q := url.Values{"region": {region}}
	if d.Prefix != "" {
		q.Set("prefix", d.dir())
	}
	return "https://s3.console.aws.amazon.com/s3/buckets/" + url.PathEscape(d.Bucket) + "?" + q.Encode()
}
