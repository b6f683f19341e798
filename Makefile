# Mötesplats. `make run` opens the app on its built-in content;
# `make test` runs every test. Both install what the machine lacks first.

GO      ?= go
DATA    ?= $(HOME)/.local/share/motesplats
BIN     := bin
BENCH   ?= .

.PHONY: run test build bench smoke touchtest screenshots package deps-run deps-test clean fuzz

run: deps-run
	$(GO) run ./cmd/motesplats --data "$(DATA)"

build: deps-run
	mkdir -p $(BIN)
	$(GO) build -o $(BIN)/ ./cmd/...

deps-run:
	@.ci/deps run

deps-test:
	@.ci/deps test

# Unit and widget tests run headless (-tags ci uses Fyne's test driver);
# the engine's (internal/) under the race detector; the smoke test then
# opens the real window under Xvfb, and the touch test drags it with a
# pretend finger. (app/ stays out of the race run: Fyne's test driver
# races in the read-aloud tests.)
test: deps-test
	test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { gofmt -l .; echo "gofmt needed"; exit 1; }
	$(GO) vet -tags ci ./...
	MOTESPLATS_REQUIRE_UNICODE_DATA=1 $(GO) test -tags ci -count=1 -timeout 30m $$($(GO) list ./... | grep -v /internal/)
	MOTESPLATS_REQUIRE_UNICODE_DATA=1 $(GO) test -race -tags ci -count=1 -timeout 30m ./internal/...
	$(MAKE) --no-print-directory smoke
	$(MAKE) --no-print-directory touchtest

# Open the real window on a fresh data folder, render Home, and quit; then
# the kiosk window under openbox, iconified and un-fullscreened, must come
# back (.ci/kioskwm).
smoke:
	$(GO) build -o $(BIN)/motesplats ./cmd/motesplats
	tmp=$$(mktemp -d) && xvfb-run -a -s "-screen 0 1280x800x24" $(BIN)/motesplats --data "$$tmp" --smoke && rm -rf "$$tmp"
	.ci/kioskwm $(BIN)/motesplats

# Drag, flick and tap the real window with xdotool under Xvfb at the
# portrait kiosk size, and compare screenshots (see .ci/touchtest).
touchtest:
	.ci/touchtest

# Fuzz targets, as package:FuzzName; each runs for FUZZTIME. Their seed
# corpora also run in every `go test`. Add a target by adding a line.
FUZZTIME ?= 60s
FUZZ_TARGETS ?= \
	./internal/update:FuzzDecodeShard \
	./internal/source:FuzzReadItem \
	./internal/search:FuzzReadIndex \
	./internal/store:FuzzOpenDamaged \
	./internal/importer:FuzzICal \
	./internal/importer:FuzzIntegreat \
	./internal/importer:FuzzHSDS \
	./internal/importer:FuzzHTMLToText \
	./internal/xliff:FuzzSegment \
	./app/textview:FuzzLayout \
	./app/textview:FuzzMarkdown

fuzz: deps-test
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzzing $$name in $$pkg for $(FUZZTIME)"; \
		$(GO) test -tags ci -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) $$pkg; \
	done

bench: deps-test
	.ci/bench
	.ci/syncbench
	.ci/uibench
	.ci/searchbench
	.ci/incrementalbench

screenshots:
	@.ci/deps screenshots
	.ci/screenshots

# A desktop package (tar.xz with a .desktop file and the icon) from
# FyneApp.toml, with Fyne's packaging tool.
package: build
	$(GO) run fyne.io/tools/cmd/fyne@v1.7.4 package -os linux -exe $(BIN)/motesplats

clean:
	rm -rf $(BIN)
