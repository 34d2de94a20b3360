// Fork Awesome glyphs used by the views (Debian's fonts-fork-awesome, merged into the text
// fonts). UTF-8 encoded code points. The build subsets the icon font to exactly these
// (cmake/embed_fonts.py reads the ICON_ defines): a new icon needs only a line here.
#pragma once

#define ICON_SEARCH "\xef\x80\x82"        // f002
#define ICON_TIMES "\xef\x80\x8d"         // f00d
#define ICON_REFRESH "\xef\x80\xa1"       // f021
#define ICON_FILTER "\xef\x82\xb0"        // f0b0
#define ICON_COLUMNS "\xef\x83\x9b"       // f0db
#define ICON_DOWNLOAD "\xef\x80\x99"      // f019
#define ICON_SORT_ASC "\xef\x83\x9e"      // f0de (caret up)
#define ICON_SORT_DESC "\xef\x83\x9d"     // f0dd (caret down)
#define ICON_CHECK_CIRCLE "\xef\x81\x98"  // f058
#define ICON_WARNING "\xef\x81\xb1"       // f071
#define ICON_TIMES_CIRCLE "\xef\x81\x97"  // f057
#define ICON_MINUS_CIRCLE "\xef\x81\x96"  // f056
#define ICON_CIRCLE_O "\xef\x84\x8c"      // f10c
#define ICON_SIGN_OUT "\xef\x82\x8b"      // f08b
#define ICON_USER "\xef\x80\x87"          // f007
#define ICON_KEY "\xef\x82\x84"           // f084
#define ICON_SITEMAP "\xef\x83\xa8"       // f0e8
#define ICON_PLUS "\xef\x81\xa7"          // f067
#define ICON_UNDO "\xef\x83\xa2"          // f0e2
#define ICON_PENCIL "\xef\x81\x80"        // f040
#define ICON_TRASH "\xef\x87\xb8"         // f1f8
#define ICON_COPY "\xef\x83\x85"          // f0c5
#define ICON_CARET_DOWN "\xef\x83\x97"    // f0d7
#define ICON_CLIPBOARD "\xef\x83\xaa"     // f0ea
#define ICON_BUILDING "\xef\x86\xad"      // f1ad (account)
#define ICON_SERVER "\xef\x88\xb3"        // f233 (cluster)
#define ICON_USERS "\xef\x83\x80"         // f0c0 (department)
#define ICON_FOLDER "\xef\x81\xbb"        // f07b (project)
#define ICON_SEARCH_PLUS "\xef\x80\x8e"   // f00e
#define ICON_SEARCH_MINUS "\xef\x80\x90"  // f010
#define ICON_EXPAND "\xef\x81\xa5"        // f065
#define ICON_MINUS "\xef\x81\xa8"         // f068
#define ICON_PLUS_SQUARE "\xef\x83\xbe"   // f0fe
#define ICON_MINUS_SQUARE "\xef\x85\x86"  // f146
#define ICON_ELLIPSIS_V "\xef\x85\x82"    // f142 (a menu of more actions)
