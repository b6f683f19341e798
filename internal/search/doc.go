// Package search is the kiosk's full-text search: one in-memory index over
// every article, service, event and project in all four languages, fast
// enough to answer each keystroke.
//
// Every word is indexed at three levels, each its own term space:
//
//   - exact: the word as written, lower-cased, with the spelling noise
//     of its script removed (Arabic tashkeel and tatweel, the three
//     Ukrainian apostrophes made one);
//   - folded: what a reader may type instead (Swedish without å/ä/ö,
//     Arabic alef, ya and ta marbuta forms made equal, Ukrainian without
//     the apostrophe);
//   - stemmed: a light, hand-written stemmer per language ("skolan" →
//     "skol", "сім'ї" → "сім", "الأسرة" → "اسر").
//
// A query word matches at the best level it can, so an exact spelling
// always outranks a folded or stemmed one, which outranks a completion of
// the word being typed (prefix) and a one-letter typo. Scores are BM25F
// over the title, the short texts (summary, name, organisation) and the
// body of every language, precomputed per posting, so a search only adds
// numbers. Words are analysed by their script, not by the reader's
// language, so "SFI" or "vårdcentral" typed in the Arabic interface find
// the items whose Swedish text says so.
//
// Speed. Terms are sorted strings with postings as flat arrays; a search
// adds precomputed impacts into pooled per-document accumulators and keeps
// the best with a small heap, so it allocates almost nothing. Long posting
// lists are tiered by impact (see tiers.go), so the completions of a one-
// or two-letter word, and words that a third of the documents have, read
// only their best postings. Typos are found through a deletion index
// (typo.go), never by scanning the vocabulary.
//
// Index life. Build indexes a content.Set on every core, BuildFrom the
// items a Source (a store's read transaction) gives one at a time;
// WriteTo and ReadIndex (SaveFile and LoadFile, with the content version's
// digest) save and load an index several times faster than a build
// (LoadFile maps the file and serves the postings from the mapping, see
// mapped.go); and
// Update makes the index of a version a sync patched from the old index
// and the changed items alone (update.go). internal/indexer ties them
// to the store for the app, so this package does not depend on the store.
package search
