; Inno Setup script: installs the PyInstaller one-folder build (dist\MentorDesk) for the
; current user, with no administrator rights needed (school PCs are often locked down).
;
;   iscc packaging\mentordesk.iss
;
; The data file is NOT inside the install folder: it lives in %LOCALAPPDATA%\MentorDesk, so an
; update or an uninstall never touches the school's data.

#define AppName "MentorDesk"
#define AppVersion "0.1.0"

[Setup]
AppId={{6F1C2B9E-6C3A-4E0B-9B1D-4D2E5A7C8F10}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=MentorDesk
DefaultDirName={localappdata}\Programs\{#AppName}
DefaultGroupName={#AppName}
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename=MentorDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\MentorDesk.exe

[Files]
Source: "..\dist\MentorDesk\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\MentorDesk.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\MentorDesk.exe"; Tasks: desktopicon
Name: "{autoprograms}\{#AppName} demo school"; Filename: "{app}\MentorDesk.exe"; Parameters: "--demo"

[Tasks]
Name: "desktopicon"; Description: "Put a MentorDesk icon on the desktop"; Flags: unchecked

[Run]
Filename: "{app}\MentorDesk.exe"; Description: "Start MentorDesk now"; Flags: nowait postinstall skipifsilent
