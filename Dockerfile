# One image for the five services and the console; the command picks which:
#   docker run bangkom python -m bangkom.evaluation serve
FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY libs libs
COPY services services
COPY proto proto
COPY scripts/gen-proto.sh scripts/gen-proto.sh
RUN uv sync --frozen --no-editable --group dev \
 && uv run --frozen scripts/gen-proto.sh \
 && uv sync --frozen --no-editable --no-dev --reinstall-package bangkom-platform

FROM python:3.11-slim
# A numeric, non-root user: Kubernetes' runAsNonRoot can verify a number only, and
# deploy/k8s/base runs the pods as this UID and GID (runAsUser, runAsGroup).
RUN groupadd --gid 10001 bangkom && useradd --create-home --uid 10001 --gid 10001 bangkom
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
ENV PATH="/app/.venv/bin:$PATH" PYTHONUNBUFFERED=1
USER 10001:10001
EXPOSE 8001 8002 8003 8004 8005 8006 8051 8052 8053 8054 8056
CMD ["python", "-m", "bangkom.evaluation", "serve"]
