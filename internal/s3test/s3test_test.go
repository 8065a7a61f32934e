package s3test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func TestBinaryMissing(t *testing.T) {
	t.Setenv("KUMITE_MINIO", "/nonexistent/minio")
	if _, err := Binary(); err == nil || !strings.Contains(err.Error(), "KUMITE_MINIO=/nonexistent/minio") {
		t.Errorf("Binary() error %v", err)
	}
	t.Setenv("KUMITE_MINIO", "")
	t.Setenv("PATH", "")
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	if _, err := Binary(); err == nil || !strings.Contains(err.Error(), "run `make test`, which installs MinIO") {
		t.Errorf("Binary() error %v", err)
	}
}

func TestStopRestartKeepsData(t *testing.T) {
	srv := Start(t)
	bucket := srv.NewBucket(t)
	ctx := context.Background()
	put := func() error {
		_, err := srv.Client().PutObject(ctx, &s3.PutObjectInput{Bucket: &bucket, Key: aws.String("k"), Body: strings.NewReader("v")})
		return err
	}
	if err := put(); err != nil {
		t.Fatal(err)
	}
	srv.Stop()
	if err := put(); err == nil {
		t.Fatal("PutObject succeeded on a stopped server")
	}
	srv.Restart(t)
	if _, err := srv.Client().HeadObject(ctx, &s3.HeadObjectInput{Bucket: &bucket, Key: aws.String("k")}); err != nil {
		t.Errorf("object lost across a restart: %v", err)
	}
}
