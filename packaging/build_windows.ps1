# Build the Windows application and its installer.
#   py -3.11 -m venv .venv; .venv\Scripts\Activate.ps1; pip install -e ".[dev]"
#   powershell -ExecutionPolicy Bypass -File packaging\build_windows.ps1
# Needs Inno Setup 6 (iscc.exe on PATH or in its default folder) for the installer step.
# Result: dist\AlAssess\ (AlAssess.exe: the desktop app; alassess.exe: the commands) and
#         dist\AlAssess-<version>-setup.exe
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$version = (python -c "import alassess; print(alassess.__version__)").Trim()
python -m PyInstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build\pyinstaller packaging\alassess.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }
Copy-Item README.md dist\AlAssess\README.md
& dist\AlAssess\alassess.exe --version
if ($LASTEXITCODE -ne 0) { throw "the built application does not start" }
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if (-not $iscc) { $iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" } else { $iscc = $iscc.Source }
if (-not (Test-Path $iscc)) { Write-Warning "Inno Setup 6 not found: dist\AlAssess is built, the installer is not"; exit 0 }
& $iscc "/DAppVersion=$version" packaging\windows\alassess.iss
if ($LASTEXITCODE -ne 0) { throw "Inno Setup failed" }
Write-Host "built dist\AlAssess-$version-setup.exe"
