# Install crisisdesk from this offline bundle on Windows; no network is used.
#   powershell -ExecutionPolicy Bypass -File install.ps1 [-Target C:\crisisdesk]
param([string]$Target = "$env:LOCALAPPDATA\crisisdesk-app")
$ErrorActionPreference = "Stop"
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
py -3 "$here\verify_bundle.py"
if ($LASTEXITCODE -ne 0) { exit 1 }
py -3 -m venv "$Target\venv"
& "$Target\venv\Scripts\python.exe" -m pip install --no-index --find-links "$here\wheels" --disable-pip-version-check --quiet crisisdesk
if ($LASTEXITCODE -ne 0) { exit 1 }
Set-Content -Path "$Target\crisisdesk.cmd" -Value "@`"$Target\venv\Scripts\crisisdesk.exe`" %*"
Write-Output "crisisdesk installed in $Target; start it with $Target\crisisdesk.cmd"
