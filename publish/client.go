package publish

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"

	"github.com/kumite/kumite/internal/exitcode"
)

// ClientConfig says where S3 is and who signs the requests. Anything left
// empty comes from the standard AWS chain: environment, shared config and
// credentials files (profiles, SSO), CodeBuild/ECS container credentials,
// EC2 instance metadata.
type ClientConfig struct {
	Region      string // --region; else AWS_REGION, AWS_DEFAULT_REGION, the profile, us-east-1
	EndpointURL string // --endpoint-url; else AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL

	// LookupEnv reads the environment (the App's, so that the CLI runs
	// in-process in tests); nil reads the process environment. The SDK
	// itself still reads the process environment for the sources that
	// have no option (container and web-identity credentials).
	LookupEnv func(string) (string, bool)

	// Connections is the number of requests in flight at once (the
	// publish concurrency); it sizes the connection pool.
	Connections int

	// Log receives the SDK's own warnings; nil discards them.
	Log io.Writer

	// Timeouts bound each request; zero fields take DefaultTimeouts'.
	Timeouts Timeouts
}

// Client is an S3 client and what is needed to name the URLs it writes to.
type Client struct {
	s3       *s3.Client
	region   string
	endpoint string // "" on AWS
	timeouts Timeouts
}

// NewClient resolves region, endpoint and credentials and returns a client.
// It fails with exit code 2 when there are no credentials at all.
func NewClient(ctx context.Context, cc ClientConfig) (*Client, error) {
	env := cc.LookupEnv
	if env == nil {
		env = os.LookupEnv
	}
	getenv := func(name string) string { v, _ := env(name); return v }
	endpoint := firstOf(cc.EndpointURL, getenv("AWS_ENDPOINT_URL_S3"), getenv("AWS_ENDPOINT_URL"))
	if endpoint != "" {
		if u, err := url.Parse(endpoint); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, exitcode.Usagef("endpoint URL %q: want http(s)://HOST[:PORT]", endpoint)
		}
	}
	cfg, err := config.LoadDefaultConfig(ctx, loadOptions(cc, getenv)...)
	if err != nil {
		return nil, exitcode.With(exitcode.Usage, fmt.Errorf("load AWS configuration: %w", err))
	}
	if cfg.Region == "" {
		cfg.Region = "us-east-1" // what `aws s3` assumes too; S3 says so if the bucket is elsewhere
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		if cc.Log != nil {
			fmt.Fprintf(cc.Log, "credential chain: %v\n", err)
		}
		return nil, exitcode.With(exitcode.Usage, errNoCredentials)
	}
	client := s3.NewFromConfig(cfg, func(o *s3.Options) {
		if endpoint == "" {
			return
		}
		o.BaseEndpoint = aws.String(endpoint)
		o.UsePathStyle = true
		// S3-compatible stores reject the CRC checksums the SDK sends by
		// default since service/s3 v1.73 (aws-sdk-go-v2 discussion #2960).
		o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
		o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	})
	return &Client{s3: client, region: cfg.Region, endpoint: endpoint, timeouts: cc.Timeouts.orDefault()}, nil
}

var errNoCredentials = fmt.Errorf("no AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, " +
	"or AWS_PROFILE, or run with a role (CodeBuild service role, EC2 instance profile)")

// loadOptions turns what the config and the App's environment say into SDK
// options, so that they win over the process environment the SDK reads.
func loadOptions(cc ClientConfig, getenv func(string) string) []func(*config.LoadOptions) error {
	timeouts := cc.Timeouts.orDefault()
	httpClient := timeouts.httpClient(max(cc.Connections, 1))
	var logger logging.Logger = logging.Nop{}
	if cc.Log != nil {
		logger = logging.NewStandardLogger(cc.Log)
	}
	opts := []func(*config.LoadOptions) error{
		config.WithHTTPClient(httpClient), config.WithRetryer(timeouts.retryer()), config.WithLogger(logger),
	}
	if r := firstOf(cc.Region, getenv("AWS_REGION"), getenv("AWS_DEFAULT_REGION")); r != "" {
		opts = append(opts, config.WithRegion(r))
	}
	if id, secret := getenv("AWS_ACCESS_KEY_ID"), getenv("AWS_SECRET_ACCESS_KEY"); id != "" && secret != "" {
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(id, secret, getenv("AWS_SESSION_TOKEN"))))
	}
	if p := getenv("AWS_PROFILE"); p != "" {
		opts = append(opts, config.WithSharedConfigProfile(p))
	}
	if f := getenv("AWS_CONFIG_FILE"); f != "" {
		opts = append(opts, config.WithSharedConfigFiles([]string{f}))
	}
	if f := getenv("AWS_SHARED_CREDENTIALS_FILE"); f != "" {
		opts = append(opts, config.WithSharedCredentialsFiles([]string{f}))
	}
	if strings.EqualFold(getenv("AWS_EC2_METADATA_DISABLED"), "true") {
		opts = append(opts, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
	}
	return opts
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
