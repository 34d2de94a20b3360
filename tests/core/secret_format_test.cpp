// Generic secret formats (docs/api.md, 'Generic secret formats') and the SSH private key check
// shared by the form and the server, on real keys.
//
// TEST-ONLY KEYS: every private key below was made with ssh-keygen for these tests alone
// (passphrase of the encrypted ones: "passphrase"). They guard nothing and must never be used.
#include "core/secret_format.h"

#include <doctest/doctest.h>

#include <string>

#include "core/validation.h"

using namespace cc;

namespace {

constexpr std::string_view kEd25519 = R"(-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACCRJ/ogFlrvoMmttu1+tdUoe5Y/RgY6Wcn1MYoJZjYiAQAAAJASzZ+MEs2f
jAAAAAtzc2gtZWQyNTUxOQAAACCRJ/ogFlrvoMmttu1+tdUoe5Y/RgY6Wcn1MYoJZjYiAQ
AAAECB7HQb4NC/gtFoOo0Hg4+C3uM4ptk9SthHdFhTpIrh2JEn+iAWWu+gya227X611Sh7
lj9GBjpZyfUxiglmNiIBAAAACXRlc3Qtb25seQECAwQ=
-----END OPENSSH PRIVATE KEY-----
)";
constexpr std::string_view kEd25519Encrypted = R"(-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABDScOoEXT
Qnu3ktC+lRcmsSAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIJm+Xf4/QA1dtLPa
Ga/TkKdPdGQwOlMr4eeVw9zetuFBAAAAkPkj2leEUTedGuNnGtjWiGTbqi2HbWy5+oqfsu
h4hdwhddYQAH4qh7vKzbXZqzejdOooXuTNnIap0qBentdyolrrQspzVjGj99hndOKhLrJc
VODPuyV7dsWLdFCKqEI/ppP1FRORdwqQEfZGzhZQ/cmBtZoEgPMNvV3CPLlaB4jWwLuFsk
y3Ke2WOMz4Fb+ONA==
-----END OPENSSH PRIVATE KEY-----
)";
constexpr std::string_view kRsaPem = R"(-----BEGIN RSA PRIVATE KEY-----
MIICXAIBAAKBgQDGDijm1fLtB7+O9X8fU5/JpZIicqfUwAhjh/SRmjuN63qEL6Vr
d0A1rMt6vsThjXJJhgjjDoqmzkcPPnSc827XezzN1ZeQ8bnKIls/n4vf5wFSmJL6
JNwiMdcsq+ZGzUhpeItqWxIO1py8ZWdwaQs0m9BzFRvDVfCk08qieRYKSQIDAQAB
AoGATkVSTMfI1Xv2bF0A/DRkNaDFe++r/BxYNF2KffBiENg69vqNeUcLjSrYz42M
6UapH/1kjbc1fG6RDqk0FMLvzm5wZBPVeUxGOENg253oZPW4P5Rnt2/sx9/7E6z/
pCR/U3fJdqP7/wnfBkcYCFVlZ7fBWWM1lTrkmwM9sj7x/8ECQQDxeL9saGnW97Jv
TULxzpbfv8He+DpG7YneLqLKNEnDrDnH3tbEBkE2riWZhK0b+higpf0b85zo2PlR
10iR2Tf1AkEA0fixvBPIPR7M/7SGhAcwxX6i/Ah3H3tO3DBZuaa/rNzAAf3rRKAn
jV5v1PTWOZj8YT0wntNhDejW9b8byOkYhQJAE12jvIYDNwJWhSalH895uige3Er8
IYQbcn47AAyBfffqCmWMw9vcjw4YZd+GIqBEKV4mln9LLkF4fV/OqiPJoQJAXNNS
V/By7LpqLH11nnbDU/xJN5zSdQOBeIyTjiSuxlANPpQv53XaJoBidkYLUwlUQfTY
Qs72MD0Ikzn6oZaTNQJBALbHO/S+86FrcBcNwXrx2WdToXlxRvL2JCmwOSJ1fuh6
MxpYIbj3JDqRbA11t3IR9fuXXCqb/NeFSDMDHFDCFM0=
-----END RSA PRIVATE KEY-----
)";
constexpr std::string_view kRsaPemEncrypted = R"(-----BEGIN RSA PRIVATE KEY-----
Proc-Type: 4,ENCRYPTED
DEK-Info: AES-128-CBC,A0663300F7F453A76FD4D7501D6F6695

W2gh8h3pHF+OG0zLiih90Jsm4ba3CrFHjpEIK14pTNEauHMHK/0UV+kWJhGia+fV
q3+V1kYRgMEBYtLLAtMnqx4UIIl0sWF5Qo/qdllA8uOpIMAD1b8+LyoxhgR1Dioj
Qpj356gmB0daYlkn5aJ+XHDhdFyl/OGBmhz/WzmnHCYu7WqTCx2oMjyemNEUybVJ
fvg3Z8VW7za2hezHyWx4GxZDalnlzz4MjDEJD0NfJOgCkvEh8Sodolhc1ri4K/Le
A8dKsJeRNESbi5ruvZO5TD3HC7EpCTL8es4g7/4Rfr1wZ/2PVZpblT0q1b1B+VZ2
65XYMmxui5V7ZQSXafVlEaZP22XMbDBGeOwuClC22fcvGXBAh7+U66AjLaJZP1Ks
INSMrMGkp9DOoll8Tp4mJGbPX6809uTXHgE4IUiS86gkbsy3x6Q8wJNOKeC9I7kj
ZEoBJWvQSUK6NklNb72HANWFz49R5ZFqkrGDscDbIy8wlF9Nf+gF65C7Z1Pgsehr
gssEtIh6XvMiyMx21O1P9XSGza2PDpO4hztLbjoiGizm4yQVgeMWPpwv3MM6rNjO
0XeenysC3uapzvbqJhfrCSJFA2rBR7Tg6CuaXLWzkHq2Q8ETS0gusNzsKiohYsnY
fTfZMGFbqQtebaSPbxZGrFSrTb1ySwTwnvmmZZ9FXLy2INp0hQjEDZdR0+A+oA29
3oIOzCF6cOuWQ/SI8/NOMwt2LHv4v3RkeBU01qP8YzuLAeZB/EHYVAvOrz+VvUcL
+oY3sW6AXyDYkKwjQ8zz/uz1RNJar+0KIbXfk7ef3oiRggJHxsLovJ4hcNnO1qFn
-----END RSA PRIVATE KEY-----
)";
constexpr std::string_view kEcPem = R"(-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIDXwcrHDrFdH78A3UQ8Ea2yDkkOu9VEUyiceRR66B1vRoAoGCCqGSM49
AwEHoUQDQgAEOy5JZZbDjVdGSgdlgyG3Rdr5qcaR1sxyLtRCy1MPNcB3mFrVdvik
XLyINRg+JB6/SNmAdJ4zQIVNOSu36bDo1Q==
-----END EC PRIVATE KEY-----
)";
constexpr std::string_view kEcPkcs8 = R"(-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg6Vy5/KcLZ05n+QQo
45/Oxh2E5uDymdMkv/Bx0R4ObG+hRANCAATwOZtPbT8Uibs1V8lOyFRywzQgTTb0
xKh5PytLgqG7zRdM42ixmJe3iN0mDe4ckQRHqKFA7F9bRoMYkfJNUIJs
-----END PRIVATE KEY-----
)";
constexpr std::string_view kEcPkcs8Encrypted = R"(-----BEGIN ENCRYPTED PRIVATE KEY-----
MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAiv9XsptmonTgICCAAw
DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEINJGUgwdTn+yXBWpzIbAu0EgZDg
aJlqkO2np2BExnq6ilSQrJGbqiNQDsJUnsOKw3l3YAsxw5/N4ImMCe0D0I/OdLdh
fezdtbCfBCS113/X0cXty5radOw+PYs/w1b5JqY+N2KWjMXiAlHCeAJLvtxVizT5
urDGdg2//dli8AJzFAaz527kZiGr8zxzm0IRNu8VVQo/bn71bZbFIWyG21dfTZc=
-----END ENCRYPTED PRIVATE KEY-----
)";
constexpr std::string_view kEd25519Public =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJEn+iAWWu+gya227X611Sh7lj9GBjpZyfUxiglmNiIB test-only";
constexpr std::string_view kRsaPublic =
    "ssh-rsa "
    "AAAAB3NzaC1yc2EAAAADAQABAAAAgQDGDijm1fLtB7+O9X8fU5/JpZIicqfUwAhjh/"
    "SRmjuN63qEL6Vrd0A1rMt6vsThjXJJhgjjDoqmzkcPPnSc827XezzN1ZeQ8bnKIls/"
    "n4vf5wFSmJL6JNwiMdcsq+ZGzUhpeItqWxIO1py8ZWdwaQs0m9BzFRvDVfCk08qieRYKSQ==";
constexpr std::string_view kEcPublicPem = R"(-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEOy5JZZbDjVdGSgdlgyG3Rdr5qcaR
1sxyLtRCy1MPNcB3mFrVdvikXLyINRg+JB6/SNmAdJ4zQIVNOSu36bDo1Q==
-----END PUBLIC KEY-----
)";

// What a single-line field makes of a pasted key: the line breaks are gone.
std::string without_line_breaks(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '\n') out += c;
    return out;
}

bool mentions(const std::optional<std::string>& problem, std::string_view words) {
    return problem && problem->find(words) != std::string::npos;
}

CreateRequest generic_request(std::vector<KeyValuePair> pairs) {
    CreateRequest r;
    r.name = "git-deploy";
    r.scope = ScopeRef{ScopeType::Tenant, {}, {}, {}};
    r.spec = GenericSecretSpec{{}, std::move(pairs)};
    return r;
}

}  // namespace

TEST_CASE("secret formats: labels, keys, Secret types") {
    CHECK(secret_format_label(SecretFormat::KeyValues) == "Key(s) & value(s)");
    CHECK(secret_format_label(SecretFormat::AccessKey) == "Access key");
    CHECK(secret_format_label(SecretFormat::UsernamePassword) == "Username & password");
    CHECK(secret_format_label(SecretFormat::SshKey) == "SSH key");
    // The key names of the access-key and password kinds' Secrets, and Kubernetes' ssh-auth key.
    CHECK(secret_format_keys(SecretFormat::AccessKey) == std::vector<std::string_view>{"AccessKeyId", "SecretKey"});
    CHECK(secret_format_keys(SecretFormat::UsernamePassword) == std::vector<std::string_view>{"User", "Password"});
    CHECK(secret_format_keys(SecretFormat::SshKey) == std::vector<std::string_view>{"ssh-privatekey"});
    CHECK(secret_format_keys(SecretFormat::KeyValues).empty());
    CHECK(secret_format_k8s_type(SecretFormat::SshKey) == "kubernetes.io/ssh-auth");
    CHECK(secret_format_k8s_type(SecretFormat::AccessKey) == "Opaque");
    CHECK(secret_format_k8s_type(SecretFormat::KeyValues) == "Opaque");
}

TEST_CASE("secret formats: read from the key names the API returns") {
    CHECK(secret_format_of_keys({"SecretKey", "AccessKeyId"}) == SecretFormat::AccessKey);  // any order
    CHECK(secret_format_of_keys({"User", "Password"}) == SecretFormat::UsernamePassword);
    CHECK(secret_format_of_keys({"ssh-privatekey"}) == SecretFormat::SshKey);
    // Anything more, less or differently spelt is plain key/value pairs.
    CHECK(secret_format_of_keys({"ssh"}) == SecretFormat::KeyValues);
    CHECK(secret_format_of_keys({"ssh-privatekey", "known_hosts"}) == SecretFormat::KeyValues);
    CHECK(secret_format_of_keys({"AccessKeyId"}) == SecretFormat::KeyValues);
    CHECK(secret_format_of_keys({"user", "password"}) == SecretFormat::KeyValues);
    CHECK(secret_format_of_keys({}) == SecretFormat::KeyValues);
    // The read model: key names with null values; an existing secret has no pairs at all.
    CHECK(secret_format_of(GenericSecretSpec{{}, std::vector<KeyValuePair>{{"ssh-privatekey", std::nullopt}}}) ==
          SecretFormat::SshKey);
    CHECK(secret_format_of(GenericSecretSpec{std::string("my-secret"), std::nullopt}) == SecretFormat::KeyValues);

    CHECK(type_label(CredentialKind::GenericSecret, SecretFormat::SshKey) == "Generic secret \xC2\xB7 SSH key");
    CHECK(type_label(CredentialKind::GenericSecret, SecretFormat::AccessKey) == "Generic secret \xC2\xB7 Access key");
    CHECK(type_label(CredentialKind::GenericSecret, SecretFormat::UsernamePassword) ==
          "Generic secret \xC2\xB7 Username & password");
    CHECK(type_label(CredentialKind::GenericSecret, SecretFormat::KeyValues) == "Generic secret");
    CHECK(type_label(CredentialKind::AccessKey, SecretFormat::SshKey) == "Access key");  // other kinds: no format
}

TEST_CASE("SSH private keys: unencrypted OpenSSH and PEM keys are accepted") {
    for (const auto key : {kEd25519, kRsaPem, kEcPem, kEcPkcs8}) {
        CAPTURE(key);
        CHECK_FALSE(ssh_private_key_problem(key));
        // As ssh-keygen wrote it, the canonical form is the key itself.
        CHECK(canonical_private_key(key) == key);
        // Pasted into a single-line field (line breaks dropped), with CRLF, or without the final
        // newline: still the key, and its line breaks come back.
        const std::string flat = without_line_breaks(key);
        CHECK_FALSE(ssh_private_key_problem(flat));
        CHECK(canonical_private_key(flat) == key);
        std::string crlf;
        for (char c : key) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
        CHECK(canonical_private_key(crlf) == key);
        CHECK(canonical_private_key("  \n" + std::string(key.substr(0, key.size() - 1)) + "  ") == key);
    }
}

TEST_CASE("SSH private keys: public keys are refused, saying so") {
    for (const auto key : {kEd25519Public, kRsaPublic, kEcPublicPem}) {
        CAPTURE(key);
        CHECK(mentions(ssh_private_key_problem(key), "This is a public key"));
        CHECK(mentions(ssh_private_key_problem(key), "Paste the private key"));
    }
}

TEST_CASE("SSH private keys: encrypted keys are refused: a pod cannot type a passphrase") {
    for (const auto key : {kEd25519Encrypted, kRsaPemEncrypted, kEcPkcs8Encrypted}) {
        CAPTURE(key);
        CHECK(mentions(ssh_private_key_problem(key), "passphrase cannot be typed inside a pod"));
        CHECK(mentions(ssh_private_key_problem(without_line_breaks(key)), "passphrase"));
    }
}

TEST_CASE("SSH private keys: garbage, cut and changed keys are refused") {
    CHECK(ssh_private_key_problem("") == "Paste the private key");
    CHECK(ssh_private_key_problem(" \n\t") == "Paste the private key");
    CHECK(mentions(ssh_private_key_problem("hunter2"), "no -----BEGIN line"));
    CHECK(mentions(ssh_private_key_problem("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"),
                   "not a private key (CERTIFICATE)"));
    const std::string ed(kEd25519);
    CHECK(mentions(ssh_private_key_problem("my key:\n" + ed), "text before"));
    CHECK(mentions(ssh_private_key_problem(ed + "ssh-ed25519 AAAA"), "text after"));
    // Cut: no END line, or lines missing from the body.
    CHECK(mentions(ssh_private_key_problem(ed.substr(0, ed.size() / 2)),
                   "-----END OPENSSH PRIVATE KEY----- line is missing"));
    const std::size_t second_line = ed.find('\n') + 1;
    const std::string cut = ed.substr(0, second_line) + ed.substr(ed.find('\n', second_line) + 1);
    CHECK(ssh_private_key_problem(cut).has_value());
    // A changed character: not base64, or no longer an OpenSSH key.
    std::string changed = ed;
    changed[second_line] = '*';
    CHECK(mentions(ssh_private_key_problem(changed), "not base64"));
    changed[second_line] = 'c';  // "b3Bl..." (openssh-key-v1) becomes "c3Bl..."
    CHECK(mentions(ssh_private_key_problem(changed), "not an OpenSSH private key"));
    // A PEM body that is base64 but not a DER key.
    CHECK(mentions(
        ssh_private_key_problem("-----BEGIN RSA PRIVATE KEY-----\naGVsbG8gd29ybGQh\n-----END RSA PRIVATE KEY-----"),
        "cut off or damaged"));
    // BEGIN and END of different kinds.
    CHECK(ssh_private_key_problem("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END EC PRIVATE KEY-----").has_value());
    // canonical_private_key leaves what it cannot read as it is.
    CHECK(canonical_private_key("hunter2") == "hunter2");
}

TEST_CASE("validate_create checks the SSH key format's value, and only that format's") {
    // The server answers 400 naming the value's field, with the checker's words.
    auto bad = validate_create(generic_request({{"ssh-privatekey", std::string(kEd25519Public)}}));
    REQUIRE(bad);
    CHECK(bad->code == 400);
    CHECK(bad->field == "spec.keyValuePairs[0].value");
    CHECK(bad->message.find("public key") != std::string::npos);
    bad = validate_create(generic_request({{"ssh-privatekey", std::string(kRsaPemEncrypted)}}));
    REQUIRE(bad);
    CHECK(bad->message.find("passphrase") != std::string::npos);
    CHECK_FALSE(validate_create(generic_request({{"ssh-privatekey", std::string(kEd25519)}})));
    // Other key names hold anything, a public key included (Run:ai's own key `ssh` is not checked).
    CHECK_FALSE(validate_create(generic_request({{"ssh", std::string("anything")}})));
    CHECK_FALSE(validate_create(generic_request({{"ssh-publickey", std::string(kEd25519Public)}})));

    // The request is stored with the key's line breaks restored.
    CreateRequest flat = generic_request({{"ssh-privatekey", without_line_breaks(kEcPem)}});
    REQUIRE_FALSE(validate_create(flat));
    canonicalize_ssh_key(flat);
    CHECK((*std::get<GenericSecretSpec>(flat.spec).key_value_pairs)[0].value == std::string(kEcPem));
    CreateRequest other = generic_request({{"TOKEN", std::string("a b\n")}});
    canonicalize_ssh_key(other);
    CHECK((*std::get<GenericSecretSpec>(other.spec).key_value_pairs)[0].value == std::string("a b\n"));
}
