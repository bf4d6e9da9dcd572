; Inno Setup script: installs the PyInstaller one-folder build (dist\MentorDesk) for the
; current user, with no administrator prompt (school PCs are often locked down).
;
;   iscc /DAppVersion=0.1.0 packaging\mentordesk.iss      (after python packaging\build.py)
;
; The program goes to %LOCALAPPDATA%\Programs\MentorDesk. The school's data is NOT there: it
; lives in %LOCALAPPDATA%\MentorDesk (storage/paths.py), so an update or an uninstall never
; touches it. The portable variant for a USB stick is a zip, not an installer
; (packaging\portable.py).

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "MentorDesk"

[Setup]
AppId={{6F1C2B9E-6C3A-4E0B-9B1D-4D2E5A7C8F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=MentorDesk
; Per user, never elevated: no administrator prompt, and the user cannot pick "all users".
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
OutputDir=..\dist
OutputBaseFilename=MentorDesk-{#AppVersion}-setup
SetupIconFile=..\build\icon\mentordesk.ico
UninstallDisplayIcon={app}\MentorDesk.exe
UninstallDisplayName={#AppName}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; A running MentorDesk is closed (everything is saved as it goes) before its files are replaced.
CloseApplications=yes

[Files]
Source: "..\dist\MentorDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update never leaves last version's libraries behind (the data is elsewhere, untouched).
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\MentorDesk.exe"
Name: "{autoprograms}\{#AppName} demo school"; Filename: "{app}\MentorDesk.exe"; Parameters: "--demo"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\MentorDesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Put a MentorDesk icon on the desktop"; Flags: unchecked

[Run]
Filename: "{app}\MentorDesk.exe"; Description: "Start MentorDesk now"; Flags: nowait postinstall skipifsilent
