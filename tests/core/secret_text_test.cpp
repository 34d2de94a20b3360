// SecretText (fixed buffer, wiped on clear/assign/destruction, move-only) and
// wipe_string_capacity (zeroes the whole std::string block before it is freed).
#include "core/secret_text.h"

#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <type_traits>

using namespace cc;

namespace {

bool all_zero(const char* p, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        if (p[i] != 0) return false;
    return true;
}

// Looks at every block a string gives back: were all its bytes zero at that moment?
struct FreeLog {
    static inline int frees = 0;
    static inline bool all_freed_zero = true;
    static void reset() {
        frees = 0;
        all_freed_zero = true;
    }
};

template <class T>
struct CheckingAlloc {
    using value_type = T;
    CheckingAlloc() = default;
    template <class U>
    CheckingAlloc(const CheckingAlloc<U>&) {}  // NOLINT
    T* allocate(std::size_t n) { return std::allocator<T>{}.allocate(n); }
    void deallocate(T* p, std::size_t n) {
        ++FreeLog::frees;
        if (!all_zero(reinterpret_cast<const char*>(p), n * sizeof(T))) FreeLog::all_freed_zero = false;
        std::allocator<T>{}.deallocate(p, n);
    }
    friend bool operator==(const CheckingAlloc&, const CheckingAlloc&) { return true; }
    friend bool operator!=(const CheckingAlloc&, const CheckingAlloc&) { return false; }
};

using CheckedString = std::basic_string<char, std::char_traits<char>, CheckingAlloc<char>>;

}  // namespace

static_assert(!std::is_copy_constructible_v<SecretText>);
static_assert(!std::is_copy_assignable_v<SecretText>);
static_assert(std::is_nothrow_move_constructible_v<SecretText>);
static_assert(std::is_nothrow_move_assignable_v<SecretText>);

TEST_CASE("secret_text: starts empty and zeroed, default capacity 4 KiB") {
    const SecretText t;
    CHECK(t.capacity() == 4096);
    CHECK(t.empty());
    CHECK(t.size() == 0);
    CHECK(t.view() == "");
    CHECK(all_zero(t.data(), t.capacity()));
    CHECK(SecretText(64).capacity() == 64);
}

TEST_CASE("secret_text: assign copies and zeroes the rest of the buffer") {
    SecretText t(32);
    CHECK(t.assign("correct-horse-battery"));
    CHECK(t.view() == "correct-horse-battery");
    CHECK(t.size() == 21);
    CHECK_FALSE(t.empty());

    // A shorter value must not leave the tail of the longer one behind.
    CHECK(t.assign("ab"));
    CHECK(t.view() == "ab");
    CHECK(all_zero(t.data() + 2, t.capacity() - 2));

    CHECK(t.assign(""));
    CHECK(t.empty());
    CHECK(all_zero(t.data(), t.capacity()));
}

TEST_CASE("secret_text: assign truncates at capacity-1 without splitting UTF-8") {
    SecretText t(8);
    CHECK_FALSE(t.assign("0123456789"));
    CHECK(t.view() == "0123456");
    CHECK(t.size() == 7);
    CHECK(t.data()[7] == '\0');

    CHECK(t.assign("0123456"));  // exactly capacity-1 fits
    CHECK(t.view() == "0123456");

    SecretText u(5);                       // room for 4 bytes
    CHECK_FALSE(u.assign("abc\xC3\xA9"));  // "abcé": é would be cut in half
    CHECK(u.view() == "abc");
    CHECK(all_zero(u.data() + 3, 2));
    CHECK_FALSE(u.assign("ab\xC3\xA9z"));  // "abéz": é fits whole
    CHECK(u.view() == "ab\xC3\xA9");
}

TEST_CASE("secret_text: clear wipes every byte") {
    SecretText t(128);
    t.assign("CANARY-6b1f0e-secret-value");
    std::memset(t.data() + 60, 'x', 40);  // bytes past the NUL (ImGui may leave such)
    t.clear();
    CHECK(t.empty());
    CHECK(all_zero(t.data(), t.capacity()));
}

TEST_CASE("secret_text: usable as an in-place edit buffer") {
    SecretText t(16);
    std::strcpy(t.data(), "typed");  // what ImGui::InputText does
    CHECK(t.size() == 5);
    CHECK(t.view() == "typed");
    t.data()[2] = '\0';
    CHECK(t.view() == "ty");
    // No NUL anywhere: size stops at capacity instead of running off the block.
    std::memset(t.data(), 'z', t.capacity());
    CHECK(t.size() == 16);
}

TEST_CASE("secret_text: moves hand over the block and leave nothing behind") {
    SecretText a(64);
    a.assign("moved-secret");
    const char* block = a.data();

    SecretText b(std::move(a));
    CHECK(b.data() == block);
    CHECK(b.view() == "moved-secret");
    CHECK(a.data() == nullptr);  // NOLINT(bugprone-use-after-move): checking the moved-from state
    CHECK(a.capacity() == 0);
    CHECK(a.size() == 0);
    CHECK(a.empty());
    CHECK(a.view().empty());
    a.clear();  // harmless on a moved-from object
    CHECK_FALSE(a.assign("x"));

    SecretText c(8);
    c.assign("old");
    c = std::move(b);
    CHECK(c.data() == block);
    CHECK(c.capacity() == 64);
    CHECK(c.view() == "moved-secret");
    CHECK(b.data() == nullptr);  // NOLINT(bugprone-use-after-move)

    a = SecretText(4);  // a moved-from object takes a fresh buffer
    CHECK(a.capacity() == 4);
    CHECK(a.assign("abc"));
}

TEST_CASE("secret_text: take() moves a std::string in and wipes it") {
    std::string s(100, 's');
    SecretText t(256);
    CHECK(t.take(s));
    CHECK(t.view() == std::string(100, 's'));
    CHECK(s.empty());
    CHECK(s.capacity() < 100);  // the heap block was released

    std::string big(300, 'b');
    CHECK_FALSE(t.take(big));
    CHECK(t.size() == 255);
    CHECK(big.empty());
}

TEST_CASE("secret_text: wipe_string_capacity zeroes the whole block, not only size()") {
    // Control: clearing a string that shrank frees a block that still holds the old tail.
    FreeLog::reset();
    {
        CheckedString s(100, 'x');
        s.resize(10);
        s.clear();
        s.shrink_to_fit();
        CHECK(FreeLog::frees == 1);
        CHECK_FALSE(FreeLog::all_freed_zero);
    }

    FreeLog::reset();
    {
        CheckedString s(100, 'x');
        s.resize(10);  // size 10, capacity >= 100, bytes 10..99 still 'x'
        wipe_string_capacity(s);
        CHECK(s.empty());
        CHECK(FreeLog::frees == 1);
        CHECK(FreeLog::all_freed_zero);
    }
    CHECK(FreeLog::frees == 1);  // nothing left to free at scope exit

    // Short strings live inline; they are zeroed in place.
    std::string small = "pw";
    wipe_string_capacity(small);
    CHECK(small.empty());
    CHECK(all_zero(small.data(), small.capacity()));
}

TEST_CASE("secret_text: wipe_bytes") {
    char buf[6] = {'a', 'b', 'c', 'd', 'e', 'f'};
    wipe_bytes(buf + 1, 4);
    CHECK(buf[0] == 'a');
    CHECK(all_zero(buf + 1, 4));
    CHECK(buf[5] == 'f');
}
