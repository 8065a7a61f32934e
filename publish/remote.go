package publish

import (
	"context"
	"errors"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// remoteObject is what a listing says about an object.
type remoteObject struct {
	etag string // without quotes
	size int64
}

// Metadata keys kumite writes (S3 sends them as x-amz-meta-<key>).
const (
	metaMD5 = "kumite-md5" // hex MD5 of the content, for objects whose ETag is not one
	metaRun = "kumite-run" // source token of the run that owns a runs/<id>/ folder
)

// list returns every object under dir (a key prefix ending in "/", or ""
// for the whole bucket), keyed by the rest of the key. Folder markers
// (keys ending in "/") are left out.
func (c *Client) list(ctx context.Context, bucket, dir string) (map[string]remoteObject, error) {
	objects := map[string]remoteObject{}
	pages := s3.NewListObjectsV2Paginator(c.s3, &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: &dir})
	for pages.HasMorePages() {
		page, err := pages.NextPage(ctx)
		if err != nil {
			return nil, c.s3Err("list s3://"+bucket+"/"+dir, bucket, "", err)
		}
		for _, o := range page.Contents {
			rel := strings.TrimPrefix(aws.ToString(o.Key), dir)
			if rel == "" || strings.HasSuffix(rel, "/") {
				continue
			}
			objects[rel] = remoteObject{etag: strings.Trim(aws.ToString(o.ETag), `"`), size: aws.ToInt64(o.Size)}
		}
	}
	return objects, nil
}

// firstKey returns one key under dir, or "" when there is none.
func (c *Client) firstKey(ctx context.Context, bucket, dir string) (string, error) {
	out, err := c.s3.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: &bucket, Prefix: &dir, MaxKeys: aws.Int32(1)})
	if err != nil {
		return "", c.s3Err("list s3://"+bucket+"/"+dir, bucket, "", err)
	}
	if len(out.Contents) == 0 {
		return "", nil
	}
	return aws.ToString(out.Contents[0].Key), nil
}

// metadata returns the user metadata and ETag of an object; ok is false
// when it does not exist.
func (c *Client) metadata(ctx context.Context, bucket, key string) (meta map[string]string, etag string, ok bool, err error) {
	out, err := c.s3.HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: &key})
	var notFound *types.NotFound
	if errors.As(err, &notFound) {
		return nil, "", false, nil
	}
	if err != nil {
		return nil, "", false, c.s3Err("read metadata of s3://"+bucket+"/"+key, bucket, key, err)
	}
	meta = map[string]string{}
	for k, v := range out.Metadata {
		meta[strings.ToLower(k)] = v
	}
	return meta, strings.Trim(aws.ToString(out.ETag), `"`), true, nil
}

// sameContent tells whether an object with this ETag and metadata holds
// the content with MD5 sum (hex): the ETag of a single-part unencrypted
// object is its MD5; for the others kumite stored the MD5 in metadata.
func sameContent(etag string, meta map[string]string, sum string) bool {
	return etag == sum || meta[metaMD5] == sum
}
