package config

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// The parsers below are the only place a setting's text becomes a value:
// kumite.yaml, KUMITE_* variables and flags all go through them, so the
// sources cannot disagree. Their errors say what is wrong with the value;
// the caller prefixes where it came from.

// parseCount parses a whole number that is at least min.
func parseCount(v string, min int) (int, error) {
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, errors.New("not a whole number")
	}
	if n < min {
		return 0, fmt.Errorf("must be %d or more", min)
	}
	return n, nil
}

// parseBool parses a switch: true/false, yes/no, on/off or 1/0, in any case.
func parseBool(v string) (bool, error) {
	switch strings.ToLower(v) {
	case "true", "yes", "on", "1":
		return true, nil
	case "false", "no", "off", "0":
		return false, nil
	}
	return false, errors.New("expected true or false")
}

// parseDuration parses a Go duration with a unit (10s, 500ms, 1m30s) that
// is more than zero. A bare number is refused rather than guessed: seconds
// to some, milliseconds to Playwright users.
func parseDuration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil {
		if _, nerr := strconv.ParseFloat(v, 64); nerr == nil {
			return 0, errors.New("a duration needs a unit, e.g. 10s, 500ms, 5m")
		}
		return 0, errors.New("not a duration; use a number and a unit, e.g. 10s, 500ms, 5m")
	}
	if d <= 0 {
		return 0, errors.New("must be more than 0")
	}
	return d, nil
}

// parseWindowSize parses WIDTHxHEIGHT.
func parseWindowSize(v string) (width, height int, err error) {
	bad := errors.New("expected WIDTHxHEIGHT, e.g. 1920x1080")
	w, h, ok := strings.Cut(strings.ToLower(v), "x")
	if !ok {
		return 0, 0, bad
	}
	width, werr := strconv.Atoi(w)
	height, herr := strconv.Atoi(h)
	if werr != nil || herr != nil || width < 1 || height < 1 {
		return 0, 0, bad
	}
	return width, height, nil
}

// parseShard parses I/N with 1 <= I <= N.
func parseShard(v string) (Shard, error) {
	bad := errors.New("expected I/N with 1 <= I <= N, e.g. 2/4")
	i, n, ok := strings.Cut(v, "/")
	if !ok {
		return Shard{}, bad
	}
	index, ierr := strconv.Atoi(i)
	total, nerr := strconv.Atoi(n)
	if ierr != nil || nerr != nil || index < 1 || index > total {
		return Shard{}, bad
	}
	return Shard{Index: index, Total: total}, nil
}

// parseScreenshots parses one of the --screenshots modes.
func parseScreenshots(v string) (Screenshots, error) {
	switch s := Screenshots(v); s {
	case ScreenshotsOff, ScreenshotsOnFailure, ScreenshotsEveryStep:
		return s, nil
	}
	return "", errors.New("expected off, on-failure or every-step")
}

// parseURL accepts "" (unset) or an absolute URL with one of schemes and a
// host; hint is the message when it is not one.
func parseURL(v, hint string, schemes ...string) (string, error) {
	if v == "" {
		return "", nil
	}
	u, err := url.Parse(v)
	if err != nil || u.Host == "" {
		return "", errors.New(hint)
	}
	for _, s := range schemes {
		if u.Scheme == s {
			return v, nil
		}
	}
	return "", errors.New(hint)
}

// parsePublish accepts "" (do not publish) or s3://BUCKET[/PREFIX].
func parsePublish(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	bucket, ok := strings.CutPrefix(v, "s3://")
	if !ok || bucket == "" || bucket[0] == '/' {
		return "", errors.New("expected s3://BUCKET or s3://BUCKET/PREFIX")
	}
	return v, nil
}

// parseVar splits NAME=VALUE and checks NAME.
func parseVar(v string) (name, value string, err error) {
	name, value, ok := strings.Cut(v, "=")
	if !ok {
		return "", "", errors.New("expected NAME=VALUE, e.g. user=alice")
	}
	return name, value, checkVarName(name)
}

// checkVarName accepts the names ${NAME} can refer to: letters, digits, _,
// . and -, not starting with a digit, . or -.
func checkVarName(name string) error {
	if name == "" {
		return errors.New("expected NAME=VALUE, e.g. user=alice; NAME is empty")
	}
	for i, r := range name {
		letter := r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		other := '0' <= r && r <= '9' || r == '.' || r == '-'
		if !letter && (i == 0 || !other) {
			return fmt.Errorf("variable name %q: use letters, digits, _, . and -, starting with a letter or _", name)
		}
	}
	return nil
}

// parseChromeFlag accepts a Chrome switch with or without its leading
// dashes ("--lang=de-DE", "lang=de-DE") and returns it without them.
func parseChromeFlag(v string) (string, error) {
	s := strings.TrimLeft(v, "-")
	if s == "" || strings.HasPrefix(s, "=") {
		return "", errors.New("expected a Chrome switch, e.g. --lang=de-DE")
	}
	return s, nil
}

// parseText accepts any text that is not empty; what is the value's noun
// in the message.
func parseText(v, what string) (string, error) {
	if v == "" {
		return "", fmt.Errorf("empty %s", what)
	}
	return v, nil
}
