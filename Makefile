# kumite — make e2e (the main job) and make test (all tests) work on a fresh
# Debian machine with Go and git: they install what is missing.

GO       ?= go
TOOLS    ?= $(HOME)/.cache/kumite-tools
MINIO_VERSION := v0.0.0-20260212201848-7aac2a2c5b7c
MINIO    := $(TOOLS)/bin/minio
CUCUMBER_REPORTER_VERSION := 3.10.0
NODE_MODULES := $(TOOLS)/npm/node_modules
CUCUMBER_REPORTER := $(NODE_MODULES)/multiple-cucumber-html-reporter/package.json
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
BIN      := bin/kumite
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export KUMITE_MINIO := $(MINIO)
export KUMITE_NODE_MODULES := $(NODE_MODULES)

.PHONY: all build e2e test vet lint bench chromium awscli python3 xmllint node cucumber-reporter minio image-check clean

all: build

## build: the static kumite binary in bin/
build:
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o $(BIN) ./cmd/kumite

## e2e: run features/ on the bundled demo site and leave the report in reports/
e2e: chromium build
	./$(BIN) run --serve demo/site features/

## test: every test (real Chromium, real MinIO, Debian awscli, xmllint, a real Cucumber JSON consumer) and the image check
test: chromium minio awscli python3 xmllint cucumber-reporter vet image-check
	$(GO) test -count=1 -timeout 9m ./...

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...

## lint: vet and staticcheck
lint: vet
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

## bench: speed and memory of kumite run (1 and 2 workers, headless shell and full chromium) and of publish;
##        BENCH_FLAGS=-large=1000 adds a 1,000-scenario run (linear wall, flat memory)
bench: chromium minio awscli python3 build
	$(GO) run ./bench -kumite $(BIN) -n 100 -workers 1,2 $(BENCH_FLAGS)
	$(GO) test ./browser -run '^$$' -bench 'Screenshot|Cost' -benchtime 20x
	bench/publish.sh

## image-check: the Dockerfile's runtime stage without Docker: image/packages.txt installed
## into a debootstrapped bookworm (cached in $(TOOLS)/image), the features run in it by chroot
image-check: build
	@command -v debootstrap >/dev/null || { echo "installing debootstrap (apt)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq debootstrap >/dev/null; }
	$(SUDO) env KUMITE_IMAGE_CACHE=$(TOOLS)/image image/check.sh $(BIN)

## chromium: install Debian's chromium (and CJK fonts) unless a Chrome is on PATH, and its
## headless shell (what headless runs use) unless one is installed
chromium:
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null || command -v google-chrome >/dev/null; then :; \
	else echo "installing chromium (apt)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi
	@if [ -x /usr/lib/chromium/chromium-headless-shell ] || command -v chromium-headless-shell >/dev/null; then :; \
	else echo "installing chromium-headless-shell (apt)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium-headless-shell >/dev/null; fi

## awscli: Debian's aws CLI, the independent client the publish tests check against
awscli:
	@if [ -x /usr/bin/aws ]; then :; \
	else echo "installing awscli (apt)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq awscli >/dev/null; fi

## python3: the --web-server tests and bench/publish.sh run small Python servers and scripts
python3:
	@if command -v python3 >/dev/null; then :; \
	else echo "installing python3 (apt)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq python3 >/dev/null; fi

## xmllint: Debian's libxml2-utils, which checks junit.xml against the JUnit schema
xmllint:
	@if command -v xmllint >/dev/null; then :; \
	else echo "installing libxml2-utils (apt)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libxml2-utils >/dev/null; fi

## node: Debian's Node.js and npm, which run the Cucumber JSON consumer
node:
	@if command -v node >/dev/null && command -v npm >/dev/null; then :; \
	else echo "installing nodejs and npm (apt)"; $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; fi

## cucumber-reporter: the pinned multiple-cucumber-html-reporter (npm) that reads cucumber.json in the tests, cached in $(TOOLS)
cucumber-reporter: $(CUCUMBER_REPORTER)
$(CUCUMBER_REPORTER): | node
	@echo "installing multiple-cucumber-html-reporter $(CUCUMBER_REPORTER_VERSION) into $(TOOLS)/npm"
	mkdir -p $(TOOLS)/npm
	npm install --prefix $(TOOLS)/npm --no-audit --no-fund --save-exact multiple-cucumber-html-reporter@$(CUCUMBER_REPORTER_VERSION)

## minio: the pinned MinIO server for the S3 tests, cached in $(TOOLS)
minio: $(MINIO)
$(MINIO):
	@echo "installing MinIO $(MINIO_VERSION) into $(TOOLS)/bin (a few minutes the first time)"
	GOBIN=$(TOOLS)/bin $(GO) install github.com/minio/minio@$(MINIO_VERSION)

clean:
	rm -rf bin reports
