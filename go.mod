module github.com/motesplats/motesplats

go 1.26.8

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/nicksnyder/go-i18n/v2 v2.7.0 // indirect
	github.com/teambition/rrule-go v1.8.2 // indirect
	github.com/theupdateframework/go-tuf/v2 v2.4.2 // indirect
	go.etcd.io/bbolt v1.5.0 // indirect
	golang.org/x/sys v0.45.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)
