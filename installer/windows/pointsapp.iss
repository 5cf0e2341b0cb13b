; 村民积分管理系统 (pointsapp) — Inno Setup 6 script.
;
; Builds pointsapp-setup-<version>.exe from the PyInstaller bundle in dist\pointsapp.
; How to build, install and upgrade: installer\windows\README.md.
;   iscc /DAppVersion=0.1.0 installer\windows\pointsapp.iss
;
; Keep this file in UTF-8 WITH a byte-order mark: Inno Setup reads the Chinese text correctly only then.
;
; Where things go (per-user install, the default — no administrator needed):
;   program   {autopf}\pointsapp = %LOCALAPPDATA%\Programs\pointsapp   (per-machine: C:\Program Files\pointsapp)
;   data      %LOCALAPPDATA%\pointsapp — NOT touched by this installer or its uninstaller.
;             That is platformdirs.user_data_dir("pointsapp", appauthor=False) on Windows:
;             CSIDL_LOCAL_APPDATA + "\pointsapp" (no author folder, not roaming), e.g.
;             C:\Users\<user>\AppData\Local\pointsapp — database (pointsapp.db), backups, logs\pointsapp.log,
;             station.json (this PC's database connection). A PostgreSQL password lives in the Windows
;             Credential Manager (service "pointsapp"), also untouched.
;             The data folder is per Windows user even for a per-machine install.
;
; Upgrade: run a newer setup over the old one. The AppId below stays the same forever, so Setup finds
; the old installation (its folder and install mode), replaces the program files, and leaves the data
; folder alone. The program applies the new database migrations itself when it opens the database.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
; The bundle made by `pyinstaller installer\pointsapp.spec` (relative to this script).
#ifndef BundleDir
  #define BundleDir "..\..\dist\pointsapp"
#endif
#define AppName "村民积分管理系统"
#define AppExe "pointsapp.exe"

[Setup]
; Never change this AppId: it is how an upgrade finds the installed program.
AppId={{A99B6E84-D1FC-40A9-9564-18BFD0486366}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=pointsapp
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
; Per-user by default (no administrator, no UAC prompt); the first page lets an administrator choose
; "install for all users" instead. An upgrade reuses the mode and folder of the previous install.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\pointsapp
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UsePreviousPrivileges=yes
; Qt 6 and Python 3.11 need 64-bit Windows 10 or later.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
SetupIconFile={#BundleDir}\_internal\resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=pointsapp-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Upgrading while the program is open: ask to close it (Windows Restart Manager) rather than fail.
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
; Chinese Simplified ships in the Languages folder of recent Inno Setup 6 releases. With an older one,
; put ChineseSimplified.isl (Inno Setup's translations page) next to this script; without either the
; installer falls back to English and the compiler says so. The shortcuts are Chinese in any case.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "ChineseSimplified.isl"
#else
  #pragma warning "ChineseSimplified.isl not found: the installer's own pages will be in English (see README.md)"
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; On an upgrade, remove the previous version's libraries first so that old and new Qt/Python files never
; mix. Only the program folder: the data folder is elsewhere (%LOCALAPPDATA%\pointsapp).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Comment: "户籍、积分、积分超市、星级文明户、公示打印"
Name: "{group}\卸载{#AppName}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; [UninstallDelete] is deliberately absent: the uninstaller removes only the files Setup installed, so the
; village's database, backups and logs in %LOCALAPPDATA%\pointsapp stay for a later reinstall or upgrade.
