package publish

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"regexp"
	"strings"

	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/kumite/kumite/internal/exitcode"
)

// s3Err turns the error of an S3 call into one line that says what was
// being done (doing, e.g. "publish reports/a.html to s3://b/p/a.html") and
// what the user can do about it. Problems the user must fix (credentials,
// bucket, region, permissions) exit with code 2, the rest with 1.
func (c *Client) s3Err(doing, bucket, key string, err error) error {
	reason, code := c.explain(bucket, key, err)
	return exitcode.With(code, &s3Error{msg: doing + ": " + reason, err: err})
}

// s3Error is the one line that explains an SDK error, which it wraps.
type s3Error struct {
	msg string
	err error
}

func (e *s3Error) Error() string { return e.msg }
func (e *s3Error) Unwrap() error { return e.err }

// explain says in a few words why an S3 call failed.
func (c *Client) explain(bucket, key string, err error) (string, exitcode.Code) {
	if errors.Is(err, context.Canceled) {
		return "interrupted", exitcode.Failed
	}
	if region := bucketRegion(err); region != "" && region != c.region {
		return fmt.Sprintf("bucket %s is in region %s, not %s: pass --region %s or set AWS_REGION",
			bucket, region, c.region, region), exitcode.Usage
	}
	var api smithy.APIError
	if errors.As(err, &api) {
		return c.explainAPI(bucket, key, api, operation(err))
	}
	where := "S3"
	if c.endpoint != "" {
		where = c.endpoint
	}
	var stall *stallError
	if errors.As(err, &stall) {
		return fmt.Sprintf("%s is not answering: %v, %d attempts (a stalled endpoint, proxy or network)", where, stall, c.timeouts.Attempts), exitcode.Failed
	}
	var netErr *net.OpError
	if errors.As(err, &netErr) {
		return fmt.Sprintf("cannot reach %s: %v", where, netErr.Err), exitcode.Failed
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Sprintf("%s closed the connection", where), exitcode.Failed
	}
	return err.Error(), exitcode.Failed
}

func (c *Client) explainAPI(bucket, key string, api smithy.APIError, op string) (string, exitcode.Code) {
	code := api.ErrorCode()
	switch code {
	case "NoSuchBucket":
		return fmt.Sprintf("bucket %s does not exist (create it, or check the name and --endpoint-url)", bucket), exitcode.Usage
	case "AccessDenied", "AllAccessDisabled", "Forbidden":
		msg := fmt.Sprintf("%s: these credentials may not %s on %s", code, iamAction(op), arn(bucket, key))
		if m := api.ErrorMessage(); m != "" && m != "Access Denied" && m != "Forbidden" {
			msg += " (" + m + ")"
		}
		return msg, exitcode.Usage
	case "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired":
		return fmt.Sprintf("%s: S3 rejected the credentials; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "+
			"or refresh the session of AWS_PROFILE", code), exitcode.Usage
	case "AuthorizationHeaderMalformed", "PermanentRedirect", "IllegalLocationConstraintException":
		return fmt.Sprintf("%s: bucket %s is not in region %s; pass --region with the bucket's region",
			code, bucket, c.region), exitcode.Usage
	}
	if m := api.ErrorMessage(); m != "" {
		return code + ": " + m, exitcode.Failed
	}
	return code, exitcode.Failed
}

// bucketRegion returns the region S3 said the bucket is in
// (x-amz-bucket-region on a redirect or a region mismatch), if it did.
func bucketRegion(err error) string {
	var resp *smithyhttp.ResponseError
	if errors.As(err, &resp) && resp.Response != nil {
		switch resp.HTTPStatusCode() {
		case 301, 307, 400: // the answers S3 gives to a request for the wrong region
			if r := resp.Response.Header.Get("X-Amz-Bucket-Region"); r != "" {
				return r
			}
		}
	}
	var api smithy.APIError
	if errors.As(err, &api) && api.ErrorCode() == "AuthorizationHeaderMalformed" {
		if m := expectingRegion.FindStringSubmatch(api.ErrorMessage()); m != nil {
			return m[1]
		}
	}
	return ""
}

// expectingRegion finds the region in S3's "the region 'us-east-1' is
// wrong; expecting 'eu-west-1'".
var expectingRegion = regexp.MustCompile(`expecting '([a-z0-9-]+)'`)

func operation(err error) string {
	var op *smithy.OperationError
	if errors.As(err, &op) {
		return op.OperationName
	}
	return ""
}

// iamAction names the permission an S3 operation needs.
func iamAction(op string) string {
	switch op {
	case "ListObjectsV2":
		return "s3:ListBucket"
	case "GetObject", "HeadObject":
		return "s3:GetObject"
	case "PutObject", "CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload":
		return "s3:PutObject"
	case "DeleteObjects", "DeleteObject":
		return "s3:DeleteObject"
	case "AbortMultipartUpload":
		return "s3:AbortMultipartUpload"
	case "":
		return "do this"
	}
	return "s3:" + op
}

func arn(bucket, key string) string {
	if key == "" {
		return "arn:aws:s3:::" + bucket
	}
	return "arn:aws:s3:::" + bucket + "/" + strings.TrimPrefix(key, "/")
}
