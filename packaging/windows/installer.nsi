; The Windows installer of Complex Needs Panel, built by `./tasks package` with makensis.
;
; It installs for the person running it, without administrator rights, into
; %LOCALAPPDATA%\Programs\Complex Needs Panel, with a Start menu shortcut and an entry in
; Settings > Apps that uninstalls it. `/S` installs (and the uninstaller uninstalls) without
; a window, for deployment by IT; `/D=FOLDER`, last on the command line, chooses the folder.
; The data (database and backups) is in %APPDATA%\uk.complexneedspanel.desktop and is never touched by
; installing, upgrading or uninstalling.
;
; ./tasks passes: VERSION (x.y.z), PUBLISHER, SOURCE (the folder with the two programs, the
; WebView2 loader, the icon and the licence) and OUTFILE.

; A 64-bit installer for 64-bit programs (Windows 10 and 11 on x64).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define PRODUCT "Complex Needs Panel"
!define APP_EXE "complex-needs-panel.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\uk.complexneedspanel.desktop"
; The WebView2 Runtime's client id in Microsoft's update service (the same on every machine).
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${PRODUCT}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
ShowInstDetails show

VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "${PRODUCT}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "Copyright (c) 2026 ${PUBLISHER}"
VIAddVersionKey "FileDescription" "${PRODUCT} installer"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "ProductVersion" "${VERSION}"

!define MUI_ICON "${SOURCE}\icon.ico"
!define MUI_UNICON "${SOURCE}\icon.ico"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${SOURCE}\LICENSE.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

; Whether the WebView2 Runtime, which draws the window, is on this machine: installed for
; everyone (64-bit or 32-bit registry view) or for this person.
Function HasWebView2
    Push $0
    SetRegView 64
    ReadRegStr $0 HKLM "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
    ${If} $0 == ""
    ${OrIf} $0 == "0.0.0.0"
        ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
    ${EndIf}
    ${If} $0 == ""
    ${OrIf} $0 == "0.0.0.0"
        ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
    ${EndIf}
    SetRegView lastused
    ${If} $0 == "0.0.0.0"
        StrCpy $0 ""
    ${EndIf}
    Exch $0
FunctionEnd

Section "Install"
    SetShellVarContext current
    SetOutPath "$INSTDIR"
    File "${SOURCE}\${APP_EXE}"
    File "${SOURCE}\panel.exe"
    File "${SOURCE}\WebView2Loader.dll"
    File "${SOURCE}\LICENSE.txt"
    File "${SOURCE}\README.txt"
    WriteUninstaller "$INSTDIR\uninstall.exe"

    CreateShortcut "$SMPROGRAMS\${PRODUCT}.lnk" "$INSTDIR\${APP_EXE}"

    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    IntFmt $0 "0x%08X" $0
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"

    ; The window needs Microsoft's WebView2 Runtime. Windows 11 and current Windows 10 have it;
    ; without it the programs are still installed (panel.exe works), and the person is told
    ; what to ask for. A silent install writes the same words into the install folder.
    Call HasWebView2
    Pop $0
    ${If} $0 == ""
        FileOpen $1 "$INSTDIR\WEBVIEW2-MISSING.txt" w
        FileWrite $1 "${PRODUCT} needs the Microsoft Edge WebView2 Runtime, which this computer does not have.$\r$\n"
        FileWrite $1 "Windows 11 and up-to-date Windows 10 include it. Ask your IT service to install the$\r$\n"
        FileWrite $1 "'Evergreen WebView2 Runtime' from Microsoft (developer.microsoft.com/microsoft-edge/webview2),$\r$\n"
        FileWrite $1 "then start ${PRODUCT} from the Start menu. The panel command (panel.exe) works without it.$\r$\n"
        FileClose $1
        MessageBox MB_OK|MB_ICONEXCLAMATION "${PRODUCT} is installed, but this computer does not have the Microsoft Edge WebView2 Runtime that its window needs.$\r$\n$\r$\nWindows 11 and up-to-date Windows 10 include it. Ask your IT service to install the 'Evergreen WebView2 Runtime' from Microsoft, then start ${PRODUCT} from the Start menu." /SD IDOK
    ${Else}
        Delete "$INSTDIR\WEBVIEW2-MISSING.txt"
    ${EndIf}
SectionEnd

Section "Uninstall"
    SetShellVarContext current
    Delete "$INSTDIR\${APP_EXE}"
    Delete "$INSTDIR\panel.exe"
    Delete "$INSTDIR\WebView2Loader.dll"
    Delete "$INSTDIR\LICENSE.txt"
    Delete "$INSTDIR\README.txt"
    Delete "$INSTDIR\WEBVIEW2-MISSING.txt"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"
    Delete "$SMPROGRAMS\${PRODUCT}.lnk"
    DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
