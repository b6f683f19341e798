module github.com/motesplats/motesplats/internal/importer/testdata/htmlcompare

go 1.26.0

replace github.com/motesplats/motesplats => ../../../..

require (
	github.com/JohannesKaufmann/html-to-markdown/v2 v2.5.2
	github.com/motesplats/motesplats v0.0.0-00010101000000-000000000000
	github.com/yuin/goldmark v1.8.2
)

require (
	github.com/JohannesKaufmann/dom v0.3.1 // indirect
	github.com/arran4/golang-ical v0.3.4 // indirect
	github.com/teambition/rrule-go v1.8.2 // indirect
	golang.org/x/net v0.55.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
