package content

import (
	"reflect"
	"strings"
	"testing"
)

// TestEveryKindIsAnItem: each kind in Kinds makes an empty item of that
// kind that goes back into a set in the right place, and a set gives its
// items back kind by kind.
func TestEveryKindIsAnItem(t *testing.T) {
	var set Set
	for _, kind := range Kinds {
		item, err := NewItem(kind)
		if err != nil {
			t.Fatalf("NewItem(%s): %v", kind, err)
		}
		if item.Kind() != kind {
			t.Errorf("NewItem(%s) is a %s", kind, item.Kind())
		}
		if err := set.Add(item); err != nil {
			t.Errorf("Add(%s): %v", kind, err)
		}
	}
	var got []Kind
	set.Each(func(item Item) { got = append(got, item.Kind()) })
	if !reflect.DeepEqual(got, Kinds) {
		t.Errorf("Each gives %v, want %v", got, Kinds)
	}
	if _, err := NewItem("recipes"); err == nil || !strings.Contains(err.Error(), `"recipes"`) {
		t.Errorf("NewItem(recipes): %v, want an error naming the kind", err)
	}
	if _, err := DecodeItems("recipes", []byte("[]")); err == nil {
		t.Error("DecodeItems of an unknown kind worked")
	}
}

// TestAddRefusesNil: nothing is dropped without a word.
func TestAddRefusesNil(t *testing.T) {
	var set Set
	var none *Service
	for _, item := range []Item{nil, none} {
		if err := set.Add(item); err == nil {
			t.Errorf("Add(%#v) worked", item)
		}
	}
	if len(set.Services) != 0 {
		t.Errorf("a nil item was added: %v", set.Services)
	}
}

// TestSearchTexts: what a visitor can find an item by, with the role of
// each text and the items it refers to by reference.
func TestSearchTexts(t *testing.T) {
	sv := func(s string) Text { return Text{Swedish: s} }
	ev := &Event{ID: "e", Title: sv("Språkcafé"), Organiser: sv("Biblioteket"), Description: sv("Prata svenska"),
		Municipality: "orebro", Place: &Place{Name: sv("Stadsbiblioteket"), Address: &Address{Street: "Näbbtorgsgatan 12", City: "Örebro"}}}
	var got []string
	ev.SearchTexts(func(st SearchText) {
		switch {
		case st.Ref.ID != "":
			got = append(got, string(rune('0'+st.Role))+" ref "+st.Ref.String())
		case st.Plain != "":
			got = append(got, string(rune('0'+st.Role))+" plain "+st.Plain)
		default:
			got = append(got, string(rune('0'+st.Role))+" "+st.Text[Swedish])
		}
	})
	want := []string{"0 Språkcafé", "1 Biblioteket", "2 Prata svenska", "1 Stadsbiblioteket",
		"2 plain Näbbtorgsgatan 12", "2 plain Örebro", "2 ref municipalities/orebro"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("event texts\n got %q\nwant %q", got, want)
	}
	var refs []string
	(&Article{Topic: "health", Municipality: ""}).SearchTexts(func(st SearchText) {
		if st.Ref.ID != "" {
			refs = append(refs, st.Ref.String())
		}
	})
	if !reflect.DeepEqual(refs, []string{"topics/health"}) {
		t.Errorf("a national article refers to %v, want its topic only", refs)
	}
}
