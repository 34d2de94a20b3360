// The Credentials table as CSV, for the export button: the visible rows and columns as shown,
// in a form spreadsheets open safely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.h"

namespace cc {

// RFC 4180 CSV: header line of the given columns' titles, then one line per row in `order`;
// fields quoted when they hold a comma, quote, CR or LF (quotes doubled); lines end CRLF; no
// BOM. Against CSV/formula injection, a field starting with '=', '+', '-', '@', TAB or CR gets
// a leading ' so spreadsheets show it as text ("=1+1" -> "'=1+1"); a lone "-" (no status)
// and plain numbers ("-5", "+3.25") cannot run anything and are left as they are.
std::string to_csv(const std::vector<CredentialRow>& rows, const std::vector<std::uint32_t>& order,
                   const std::vector<Column>& columns);
// One field as to_csv writes it.
std::string csv_field(std::string_view s);

}  // namespace cc
