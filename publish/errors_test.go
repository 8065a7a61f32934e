package publish

import (
	"context"
	"errors"
	"net"
	"net/http"
	"os"
	"syscall"
	"testing"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/kumite/kumite/internal/exitcode"
)

// sdkError builds the error the SDK returns for an S3 error response.
// These are the answers MinIO in a test cannot give (a real IAM policy,
// a bucket in another AWS region, an expired session); what MinIO can
// give is tested against MinIO.
func sdkError(op string, status int, header http.Header, code, msg string) error {
	return &smithy.OperationError{ServiceID: "S3", OperationName: op, Err: &awshttp.ResponseError{
		ResponseError: &smithyhttp.ResponseError{
			Response: &smithyhttp.Response{Response: &http.Response{StatusCode: status, Header: header}},
			Err:      &smithy.GenericAPIError{Code: code, Message: msg},
		},
	}}
}

func TestExplain(t *testing.T) {
	c := &Client{region: "us-east-1"}
	const doing = "publish reports/index.html to s3://b/p/index.html"
	for _, tc := range []struct {
		name string
		err  error
		want string
		code exitcode.Code
	}{
		{"access denied", sdkError("PutObject", 403, nil, "AccessDenied", "Access Denied"),
			doing + ": AccessDenied: these credentials may not s3:PutObject on arn:aws:s3:::b/p/index.html", exitcode.Usage},
		{"access denied with the policy's reason", sdkError("ListObjectsV2", 403, nil, "AccessDenied",
			"User: arn:aws:sts::1:assumed-role/cb/x is not authorized to perform: s3:ListBucket because no identity-based policy allows it"),
			doing + ": AccessDenied: these credentials may not s3:ListBucket on arn:aws:s3:::b/p/index.html (User: arn:aws:sts::1:assumed-role/cb/x is not authorized to perform: s3:ListBucket because no identity-based policy allows it)", exitcode.Usage},
		{"bucket in another region", sdkError("ListObjectsV2", 301, http.Header{"X-Amz-Bucket-Region": {"eu-west-1"}}, "PermanentRedirect", "The bucket you are attempting to access must be addressed using the specified endpoint."),
			doing + ": bucket b is in region eu-west-1, not us-east-1: pass --region eu-west-1 or set AWS_REGION", exitcode.Usage},
		{"HEAD in another region", sdkError("HeadObject", 301, http.Header{"X-Amz-Bucket-Region": {"ap-south-1"}}, "MovedPermanently", ""),
			doing + ": bucket b is in region ap-south-1, not us-east-1: pass --region ap-south-1 or set AWS_REGION", exitcode.Usage},
		{"region from the message", sdkError("ListObjectsV2", 400, nil, "AuthorizationHeaderMalformed", "The authorization header is malformed; the region 'us-east-1' is wrong; expecting 'eu-central-1'"),
			doing + ": bucket b is in region eu-central-1, not us-east-1: pass --region eu-central-1 or set AWS_REGION", exitcode.Usage},
		{"expired session", sdkError("PutObject", 400, nil, "ExpiredToken", "The provided token has expired."),
			doing + ": ExpiredToken: S3 rejected the credentials; check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or refresh the session of AWS_PROFILE", exitcode.Usage},
		{"throttled after retries", sdkError("PutObject", 503, nil, "SlowDown", "Please reduce your request rate."),
			doing + ": SlowDown: Please reduce your request rate.", exitcode.Failed},
		{"connection refused", &smithy.OperationError{OperationName: "PutObject", Err: &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}},
			doing + ": cannot reach S3: connect: connection refused", exitcode.Failed},
		{"interrupted", &smithy.OperationError{OperationName: "PutObject", Err: context.Canceled},
			doing + ": interrupted", exitcode.Failed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := c.s3Err(doing, "b", "p/index.html", tc.err)
			if err.Error() != tc.want || exitcode.Of(err) != tc.code {
				t.Errorf("got  %q (exit %d)\nwant %q (exit %d)", err, exitcode.Of(err), tc.want, tc.code)
			}
		})
	}
}

func TestObjectErrorsDoNotStopThePool(t *testing.T) {
	c := &Client{region: "us-east-1"}
	one := c.s3Err("x", "b", "k", sdkError("PutObject", 400, nil, "BadDigest", "The Content-MD5 you specified did not match what we received."))
	all := c.s3Err("x", "b", "k", sdkError("PutObject", 403, nil, "AccessDenied", ""))
	net := c.s3Err("x", "b", "k", &net.OpError{Op: "dial", Err: errors.New("refused")})
	if !isObjectError(one) || isObjectError(all) || isObjectError(net) {
		t.Errorf("isObjectError: BadDigest %v (want true), AccessDenied %v, network %v (want false)", isObjectError(one), isObjectError(all), isObjectError(net))
	}
}
