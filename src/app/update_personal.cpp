// "My credentials": the signed-in user's personal credentials (docs/product.md, 'Personal
// credentials'). They arrive with the combined list like any other (the server lists the caller's
// own private ones), stay out of the table's view (CredentialRow::personal), and are listed here.
#include "app/update_internal.h"

namespace cc::app {

Effects handle(State& s, MyCredentialsOpened&) {
    if (!s.session || s.dialog.open != DialogKind::None) return {};
    s.personal.open = true;
    s.personal.rows_revision = ~0u;  // build the list now
    s.overlay = Overlay::None;
    return {};
}

Effects handle(State& s, MyCredentialsClosed&) {
    s.personal.open = false;
    return {};
}

void follow_personal(State& s) {
    PersonalView& p = s.personal;
    if (!s.session || s.screen != Screen::Credentials) p.open = false;
    if (!p.open) {
        p.items.clear();
        p.rows_revision = ~0u;
        return;
    }
    if (p.rows_revision == s.rows_revision) return;
    p.rows_revision = s.rows_revision;
    p.items.clear();
    for (const CredentialRow& row : s.rows) {
        if (!row.personal) continue;
        p.items.push_back(PersonalItem{row.id, std::string(row.cell(Column::Credential)),
                                       std::string(row.cell(Column::Type)), std::string(row.cell(Column::Status)),
                                       std::string(row.cell(Column::CreationTime))});
    }
}

}  // namespace cc::app
