# The kumite image for AWS CodeBuild (and any CI that runs a container):
# Chromium, CJK and Latin fonts, CA certificates, git, bash and a static
# kumite on PATH. No ENTRYPOINT: CodeBuild runs the buildspec's commands in
# a shell of its own, as root; kumite adds --no-sandbox for root and
# --disable-dev-shm-usage itself.
#
#   docker build -t kumite .
#
# The runtime packages are listed in image/packages.txt, which
# `make image-check` installs into a Debian root file system and runs the
# example features in, so what this file installs is tested without Docker.

FROM golang:1.26-bookworm AS build
# In the kumite repository this compiles the checked-out source; in a
# repository that `kumite init` set up it installs the kumite module at
# KUMITE_VERSION (pin it: --build-arg KUMITE_VERSION=v1.2.3).
ARG KUMITE_VERSION=latest
COPY . /src
RUN if [ -f /src/cmd/kumite/main.go ]; then \
      cd /src && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${KUMITE_VERSION}" -o /out/kumite ./cmd/kumite; \
    else \
      CGO_ENABLED=0 GOBIN=/out go install -trimpath -ldflags "-s -w -X main.version=${KUMITE_VERSION}" github.com/kumite/kumite/cmd/kumite@${KUMITE_VERSION}; \
    fi

FROM debian:bookworm-slim
COPY image/packages.txt /tmp/packages.txt
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive xargs -a /tmp/packages.txt apt-get install -y --no-install-recommends \
 && rm -rf /var/lib/apt/lists/* /tmp/packages.txt
COPY --from=build /out/kumite /usr/local/bin/kumite
WORKDIR /work
