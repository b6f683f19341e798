package content

import (
	"sync"
	"time"
)

var zones sync.Map // name → *time.Location or error

// LoadZone is time.LoadLocation with a cache: the standard one reads and
// parses the zone file on every call, and validation and recurrence ask
// for Europe/Stockholm once per item.
func LoadZone(name string) (*time.Location, error) {
	if v, ok := zones.Load(name); ok {
		if loc, ok := v.(*time.Location); ok {
			return loc, nil
		}
		return nil, v.(error)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		zones.Store(name, err)
		return nil, err
	}
	zones.Store(name, loc)
	return loc, nil
}
