# Salesplan. `make run` installs what is missing and starts the app;
# `make test` runs every check CI runs.
GO ?= go

.PHONY: run build test deps lint bench package install uninstall

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

# package builds the installable Linux bundle (Salesplan.tar.xz: the binary,
# the .desktop entry and the icon) with `fyne package`; name, ID, version
# and icon come from FyneApp.toml.
FYNE ?= $(GO) run fyne.io/tools/cmd/fyne@v1.7.4
package: deps
	$(FYNE) package --target linux --release

# install puts the bundle in your applications menu (~/.local); uninstall
# takes it out again.
install: package
	rm -rf .package && mkdir .package && tar xJf Salesplan.tar.xz -C .package
	$(MAKE) -C .package/salesplan user-install
	rm -rf .package

uninstall:
	rm -f $(HOME)/.local/share/applications/app.salesplan.desktop.desktop $(HOME)/.local/bin/salesplan $(HOME)/.local/share/icons/app.salesplan.desktop.png
