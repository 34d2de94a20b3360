// Memory probe (wasm only, run under node by scripts/bench): how much WebAssembly memory and
// time the app's data path takes for a stored credential list (a file saved from the server),
// with the web app's allocator and flags. The file is fed in 64 KiB parts, as the page's fetch()
// hands the body to the app. Prints the time, the heap in use and the memory's size after each
// step: the credentials decoded, the rows built, every column indexed.
#include <malloc.h>

#include <chrono>
#include <cstdio>
#include <string_view>

#include "core/credential_list_stream.h"
#include "core/sort_index.h"
#include "core/table.h"

namespace {

using clock_type = std::chrono::steady_clock;
clock_type::time_point last = clock_type::now();

void report(const char* step) {
    const double ms = std::chrono::duration<double, std::milli>(clock_type::now() - last).count();
    const struct mallinfo m = mallinfo();
    const double in_use = static_cast<double>(m.uordblks) / (1024.0 * 1024.0);
    const double memory = static_cast<double>(__builtin_wasm_memory_size(0)) * 65536.0 / (1024.0 * 1024.0);
    std::printf("  %-28s %7.0f ms   heap in use %7.1f MiB   memory %7.1f MiB\n", step, ms, in_use, memory);
    last = clock_type::now();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: memory_probe LIST.json\n");
        return 2;
    }
    std::FILE* f = std::fopen(argv[1], "rb");
    if (!f) {
        std::fprintf(stderr, "cannot open %s\n", argv[1]);
        return 2;
    }
    report("start");
    cc::CredentialListStream stream;
    std::size_t bytes = 0;
    static char part[1 << 16];
    for (std::size_t n; (n = std::fread(part, 1, sizeof part, f)) > 0;) {
        stream.feed(std::string_view(part, n));
        bytes += n;
    }
    std::fclose(f);
    auto list = stream.finish();
    if (!list) {
        std::fprintf(stderr, "decode failed: %s\n", list.error().message.c_str());
        return 2;
    }
    report("credentials decoded");
    const cc::OrgTree org{cc::OrgData{}};
    const auto rows = cc::make_rows(*list, org, 60);
    report("rows built");
    cc::SortIndex index;
    for (const cc::Column c : cc::kAllColumns) index.column(rows, c);
    report("columns indexed");
    std::printf("  %zu credentials (%.1f MB of JSON), %.1f MiB packed\n", list->size(),
                static_cast<double>(bytes) / 1e6, static_cast<double>(list->bytes_held()) / (1024.0 * 1024.0));
    return 0;
}
