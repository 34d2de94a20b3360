// A table view as the URL hash (without '#'), so that a view can be bookmarked, shared as a
// link and restored by the browser's back and forward buttons.
#pragma once

#include <string>
#include <string_view>

#include "core/table_query.h"

namespace cc {

// "q=<search>&f=<column>:<v1>|<v2>&t=<column>:<text>&s=<column>,-<column>&c=<column>,..."
// and "u=<level>:<id>" for usable_at ("u=project:12", "u=cluster:<uuid>", "u=tenant").
// Columns are named by column_key. Values are percent-encoded (everything but A-Z a-z 0-9
// - . _ ~, UTF-8 bytes as %XX); `c` lists the visible columns, only when some column is hidden;
// a filter with neither values nor text is written "t=<column>:".
std::string encode_view_hash(const TableView& v);

// Decoding is lenient: a leading '#' is skipped, unknown or malformed parts ignored, broken
// escapes kept literally, invalid UTF-8 replaced by U+FFFD, "f"/"t" parts of one column merged
// into one filter, no visible column means all visible, so any hash yields a usable view.
// decode(encode(v)) == v for every view the UI can make (at most one filter per column, at
// least one visible column).
TableView decode_view_hash(std::string_view hash);

}  // namespace cc
