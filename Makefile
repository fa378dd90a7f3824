# Salesplan. `make run` installs what is missing and starts the app;
# `make test` runs every check CI runs.
GO ?= go

.PHONY: run build test deps lint bench

deps:
	@scripts/install-deps.sh

run: deps
	$(GO) run .

build: deps
	$(GO) build -o salesplan .

test: deps
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run TestTheWindowNeverWaitsForTheStore ./views/steps/
	scripts/smoke.sh

lint:
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...
