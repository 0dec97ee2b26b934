; Inno Setup script for AlAssess (built by packaging\build_windows.ps1 after PyInstaller).
; Installs per user by default (no administrator rights needed on an office laptop).
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F4C2B1E-8A3D-4E57-9C1B-2D5E7A9F0B13}
AppName=AlAssess
AppVerName=AlAssess {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=AlAssess
DefaultDirName={autopf}\AlAssess
DefaultGroupName=AlAssess
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\..\dist
OutputBaseFilename=AlAssess-{#AppVersion}-setup
SetupIconFile=..\icons\alassess.ico
UninstallDisplayIcon={app}\AlAssess.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible
ChangesEnvironment=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "addtopath"; Description: "Add the alassess command to PATH / 将 alassess 命令加入 PATH"; Flags: unchecked

[Files]
Source: "..\..\dist\AlAssess\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\AlAssess"; Filename: "{app}\AlAssess.exe"
Name: "{group}\{cm:UninstallProgram,AlAssess}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\AlAssess"; Filename: "{app}\AlAssess.exe"; Tasks: desktopicon

[Registry]
Root: HKCU; Subkey: "Environment"; ValueType: expandsz; ValueName: "Path"; ValueData: "{olddata};{app}"; Tasks: addtopath; Check: NeedsAddPath(ExpandConstant('{app}'))

[Run]
Filename: "{app}\AlAssess.exe"; Description: "{cm:LaunchProgram,AlAssess}"; Flags: nowait postinstall skipifsilent

[Code]
function NeedsAddPath(Param: string): boolean;
var
  OrigPath: string;
begin
  if not RegQueryStringValue(HKEY_CURRENT_USER, 'Environment', 'Path', OrigPath) then
  begin
    Result := True;
    exit;
  end;
  Result := Pos(';' + Uppercase(Param) + ';', ';' + Uppercase(OrigPath) + ';') = 0;
end;
