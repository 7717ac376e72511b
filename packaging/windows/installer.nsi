; Tập huấn CTV — the Windows installer (NSIS 3, Unicode). Do not run makensis by hand; use
;   bash scripts/build-installer.sh ONEFOLDER_DIR OUT.exe [VERSION]
; which passes:
;   SOURCE_DIR       the one-folder build (trainer-app.exe, trainer-app-cli.exe, _internal\,
;                    and vlc\ when a VLC is bundled)
;   OUT_FILE         the installer to write
;   VERSION          e.g. 0.1.0 (shown in Apps & features); VERSION_NUMERIC e.g. 0.1.0.0
;   ICON             the app's .ico (freeze/make_icon.py), or nothing for NSIS's own icon
;   FONT_OFL         trainer_app/reports/fonts/OFL.txt (the fonts' licence)
;
; What it does (issue 19):
; - per-user: no administrator, installs into %LOCALAPPDATA%\Programs\TapHuanCTV (an
;   elevated installer would install into the administrator's profile instead);
; - Vietnamese pages; shortcuts "Tập huấn CTV" in the Start menu and on the desktop;
; - refuses (in Vietnamese) anything but 64-bit Windows 10 or later, and refuses to install or
;   uninstall while the app is running;
; - the version in Apps & features; an upgrade replaces the program files only: the data folder
;   (%LOCALAPPDATA%\trainer-app, trainer_app/datadir.py) is never touched by an install;
; - the uninstaller keeps the data folder unless the user says otherwise (asked twice, default:
;   keep; a silent uninstall always keeps it), and removes the phone-quiz firewall rule that the
;   app may have added (trainer_app/winfirewall.py; removing it needs the UAC prompt);
; - the licences are shown on the licence page and installed beside the app (licences\).

Unicode true
ManifestSupportedOS all   ; Windows reports its real version (10/11) to the version check
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma
SetCompressorDictSize 64

!macro REQUIRE name
  !ifndef ${name}
    !error "${name} is not set: build with scripts/build-installer.sh"
  !endif
!macroend
!insertmacro REQUIRE SOURCE_DIR
!insertmacro REQUIRE OUT_FILE
!insertmacro REQUIRE VERSION
!insertmacro REQUIRE VERSION_NUMERIC
!insertmacro REQUIRE FONT_OFL

!define APP_NAME "Tập huấn CTV"
!define APP_ID "TapHuanCTV"             ; folder, registry keys, file-type name
!define EXE "trainer-app.exe"
!define CLI_EXE "trainer-app-cli.exe"
!define DATA_DIR_NAME "trainer-app"     ; %LOCALAPPDATA%\trainer-app (platformdirs, datadir.py)
!define FIREWALL_RULE "TapHuanCTV phone quiz"  ; = trainer_app/winfirewall.py RULE_NAME (tested)
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define LICENCES "${__FILEDIR__}/licences"  ; "/": makensis takes it on Windows and Linux

Name "${APP_NAME}"
OutFile "${OUT_FILE}"
InstallDir "$LOCALAPPDATA\Programs\${APP_ID}"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"
ShowInstDetails show
ShowUninstDetails show

!include MUI2.nsh
!include LogicLib.nsh
!include x64.nsh
!include WinVer.nsh
!include FileFunc.nsh
!include StrFunc.nsh
${StrStr}
${UnStrStr}

!ifdef ICON
  !define MUI_ICON "${ICON}"
  !define MUI_UNICON "${ICON}"
!endif
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Cài đặt ${APP_NAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Chương trình này cài ${APP_NAME} — phần mềm tập huấn cộng tác viên \
  của trạm y tế — vào máy, cho riêng tài khoản Windows đang dùng (không cần quyền quản trị).$\r$\n$\r$\n\
  Nếu máy đã có bản cũ, bản mới sẽ thay chương trình; dữ liệu tập huấn (danh sách cộng tác \
  viên, kết quả, giấy chứng nhận, bản sao lưu) được giữ nguyên.$\r$\n$\r$\n\
  Hãy đóng ${APP_NAME} nếu đang mở, rồi bấm Tiếp."
!define MUI_LICENSEPAGE_TEXT_TOP "Giấy phép của ứng dụng và các phần đi kèm (được cài cạnh chương trình, thư mục licences):"
!define MUI_LICENSEPAGE_BUTTON "Tiếp >"
!define MUI_LICENSEPAGE_TEXT_BOTTOM "Đây là phần mềm tự do: không cần đồng ý điều gì để dùng. Bấm Tiếp để tiếp tục."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Mở ${APP_NAME} ngay"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_LICENSE "${LICENCES}/GIAY-PHEP.txt"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"

VIProductVersion "${VERSION_NUMERIC}"
VIFileVersion "${VERSION_NUMERIC}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "FileDescription" "Cài đặt ${APP_NAME}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "CompanyName" "${APP_NAME}"
VIAddVersionKey /LANG=${LANG_VIETNAMESE} "LegalCopyright" "GPL-3.0-or-later"

; -- checks shared by the installer and the uninstaller -----------------------------------------

; Is trainer-app.exe or trainer-app-cli.exe running (any copy: tasklist), or is the installed
; program locked (its exe cannot be opened for writing while it runs)? Leaves "1" or "" in $R0.
!macro APP_RUNNING_FUNCTION un
Function ${un}AppRunning
  Push $R1
  Push $R2
  StrCpy $R0 ""
  ${ForEach} $R1 1 2 + 1
    ${If} $R1 == 1
      StrCpy $R2 "${EXE}"
    ${Else}
      StrCpy $R2 "${CLI_EXE}"
    ${EndIf}
    nsExec::ExecToStack '"$SYSDIR\tasklist.exe" /NH /FO CSV /FI "IMAGENAME eq $R2"'
    Pop $0  ; exit code
    Pop $1  ; output: '"trainer-app.exe","1234",...' when it runs, an INFO line otherwise
    !if "${un}" == ""
      ${StrStr} $2 $1 '"$R2"'
    !else
      ${UnStrStr} $2 $1 '"$R2"'
    !endif
    ${If} $2 != ""
      StrCpy $R0 "1"
    ${EndIf}
    ${If} ${FileExists} "$INSTDIR\$R2"
      ClearErrors
      FileOpen $3 "$INSTDIR\$R2" a
      ${If} ${Errors}
        StrCpy $R0 "1"
      ${Else}
        FileClose $3
      ${EndIf}
    ${EndIf}
  ${Next}
  Pop $R2
  Pop $R1
FunctionEnd

Function ${un}RefuseWhileRunning
  ${Do}
    Call ${un}AppRunning
    ${If} $R0 == ""
      ${Break}
    ${EndIf}
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "${APP_NAME} đang chạy.$\r$\n$\r$\nHãy đóng \
      ứng dụng (lưu công việc đang làm, rồi đóng cửa sổ), sau đó bấm Thử lại.$\r$\nBấm Hủy để \
      dừng." /SD IDCANCEL IDRETRY again
    Abort
    again:
  ${Loop}
FunctionEnd
!macroend
!insertmacro APP_RUNNING_FUNCTION ""
!insertmacro APP_RUNNING_FUNCTION "un."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} chỉ chạy trên Windows 64-bit (Windows 10 hoặc 11 \
      bản 64-bit). Máy này chạy Windows 32-bit nên không cài được." /SD IDOK
    Abort
  ${EndIf}
  ${IfNot} ${AtLeastWin10}
    MessageBox MB_OK|MB_ICONSTOP "${APP_NAME} cần Windows 10 hoặc Windows 11 (bản 64-bit). Máy \
      này chạy phiên bản Windows cũ hơn nên không cài được." /SD IDOK
    Abort
  ${EndIf}
  SetRegView 64
  Call RefuseWhileRunning
FunctionEnd

Section "!${APP_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  ; An upgrade: the previous version's program files go first, so no stale library stays
  ; behind. Only our own folders, and only where our program is: never data\ (portable data).
  ${If} ${FileExists} "$INSTDIR\${EXE}"
    DetailPrint "Gỡ các tệp chương trình của bản cũ (dữ liệu được giữ nguyên)"
    RMDir /r "$INSTDIR\_internal"
    RMDir /r "$INSTDIR\vlc"
    RMDir /r "$INSTDIR\licences"
  ${EndIf}

  File "${SOURCE_DIR}/${EXE}"
  File "${SOURCE_DIR}/${CLI_EXE}"
  File /r "${SOURCE_DIR}/_internal"
  !if /FileExists "${SOURCE_DIR}/vlc/plugins"
    File /r "${SOURCE_DIR}/vlc"
  !endif

  SetOutPath "$INSTDIR\licences"
  File "${LICENCES}/GIAY-PHEP.txt"
  File "${LICENCES}/GPL-3.0.txt"
  File "${LICENCES}/LGPL-3.0.txt"
  File "${LICENCES}/LGPL-2.1.txt"
  File "${LICENCES}/Qt-LGPL.txt"
  File "${LICENCES}/VLC-LGPL.txt"
  File "/oname=OFL-fonts.txt" "${FONT_OFL}"
  SetOutPath "$INSTDIR"

  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\${EXE}" 0

  ; Apps & features (per-user)
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${EXE},0"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" "$0"

  ; ---- EXCHANGE PACKAGES (.ctvpack) — the file association ---------------------------------
  ; MARKED PLACE (issue 19 / the exchange issue, being built at the same time): a double-click
  ; on a .ctvpack runs `trainer-app.exe FILE.ctvpack`. Until the app handles that argument the
  ; association does no harm (the app does not open the file). Build with -DNO_CTVPACK to
  ; leave it out; the uninstaller removes it either way.
  !ifndef NO_CTVPACK
    WriteRegStr HKCU "Software\Classes\.ctvpack" "" "${APP_ID}.ctvpack"
    WriteRegStr HKCU "Software\Classes\${APP_ID}.ctvpack" "" "Gói trao đổi dữ liệu ${APP_NAME}"
    WriteRegStr HKCU "Software\Classes\${APP_ID}.ctvpack\DefaultIcon" "" "$INSTDIR\${EXE},0"
    WriteRegStr HKCU "Software\Classes\${APP_ID}.ctvpack\shell\open\command" "" '"$INSTDIR\${EXE}" "%1"'
    System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
  !endif
  ; ---- end of EXCHANGE PACKAGES ------------------------------------------------------------
SectionEnd

; -- the uninstaller ------------------------------------------------------------------------------

Function un.onInit
  SetRegView 64
  Call un.RefuseWhileRunning
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"

  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  RMDir /r "$INSTDIR\_internal"
  RMDir /r "$INSTDIR\vlc"
  RMDir /r "$INSTDIR\licences"
  Delete "$INSTDIR\uninstall.exe"

  ; The phone-quiz firewall rule the app may have added (winfirewall.py). Reading it needs no
  ; administrator; deleting it does: one UAC prompt, only when the rule is there.
  ; The 64-bit netsh (this uninstaller is a 32-bit program: System32 would be redirected).
  ${DisableX64FSRedirection}
  nsExec::ExecToStack '"$SYSDIR\netsh.exe" advfirewall firewall show rule name="${FIREWALL_RULE}"'
  Pop $0
  Pop $1
  ${If} $0 == 0
    DetailPrint "Gỡ quy tắc tường lửa cho điện thoại: ${FIREWALL_RULE}"
    ExecShellWait "runas" "$SYSDIR\netsh.exe" 'advfirewall firewall delete rule name="${FIREWALL_RULE}"' SW_HIDE
  ${EndIf}
  ${EnableX64FSRedirection}

  ; EXCHANGE PACKAGES: the .ctvpack association (only if it is still ours)
  DeleteRegKey HKCU "Software\Classes\${APP_ID}.ctvpack"
  ReadRegStr $0 HKCU "Software\Classes\.ctvpack" ""
  ${If} $0 == "${APP_ID}.ctvpack"
    DeleteRegKey HKCU "Software\Classes\.ctvpack"
  ${EndIf}
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  DeleteRegKey HKCU "${UNINST_KEY}"

  ; The data folder: kept unless the user says otherwise, twice (a silent uninstall keeps it).
  ${If} ${FileExists} "$LOCALAPPDATA\${DATA_DIR_NAME}\*.*"
    MessageBox MB_YESNO|MB_ICONQUESTION|MB_DEFBUTTON2 "Giữ lại dữ liệu tập huấn?$\r$\n$\r$\n\
      Dữ liệu (danh sách cộng tác viên, kết quả bài kiểm tra, giấy chứng nhận đã cấp, bản sao \
      lưu, video đã nhập) nằm ở:$\r$\n$LOCALAPPDATA\${DATA_DIR_NAME}$\r$\n$\r$\nBấm Không để GIỮ \
      LẠI (nên chọn: cài lại là dùng tiếp được).$\r$\nBấm Có để XÓA HẲN dữ liệu này." \
      /SD IDNO IDNO keep_data
    MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Xóa hẳn dữ liệu tập huấn?$\r$\n$\r$\n\
      Dữ liệu đã xóa thì không lấy lại được. Nếu chưa sao lưu ra USB (Tệp → Sao lưu ra USB…), \
      hãy bấm Không." /SD IDNO IDNO keep_data
    DetailPrint "Xóa dữ liệu: $LOCALAPPDATA\${DATA_DIR_NAME}"
    RMDir /r "$LOCALAPPDATA\${DATA_DIR_NAME}"
    Goto data_done
    keep_data:
    DetailPrint "Giữ lại dữ liệu: $LOCALAPPDATA\${DATA_DIR_NAME}"
    data_done:
  ${EndIf}

  ; Only when empty: a portable data\ folder or the user's own files beside the program stay.
  RMDir "$INSTDIR"
SectionEnd
