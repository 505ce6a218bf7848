# JobStream in a container: build with the SDK, run on the ASP.NET Core runtime with Debian's Chromium
# (Playwright cannot download its own browsers), as a non-root user. The tests do not exercise this
# file (no container engine where they run); docs/deploy/README.md says how it is meant to be used.
# The UI (ui/) builds into src/JobStream.Api/wwwroot, which the publish below takes along.
FROM node:20 AS ui
WORKDIR /src
COPY ui/ ui/
RUN cd ui && npm ci --no-audit --no-fund && npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
COPY --from=ui /src/src/JobStream.Api/wwwroot src/JobStream.Api/wwwroot
RUN dotnet publish src/JobStream.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium-headless-shell publicsuffix curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
# The job database of watches: SQLite in this volume unless DATABASE_URL (or ConnectionStrings__Jobs) names PostgreSQL.
RUN mkdir -p /var/lib/jobstream && chown "$APP_UID" /var/lib/jobstream
VOLUME /var/lib/jobstream
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    ConnectionStrings__Jobs="Data Source=/var/lib/jobstream/jobs.db" \
    Scraping__Browser__ExecutablePath=/usr/bin/chromium-headless-shell \
    Logging__Console__FormatterName=json
EXPOSE 8080
# The image's unprivileged user (APP_UID, 1654).
USER $APP_UID
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD curl -fsS http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "JobStream.Api.dll"]
