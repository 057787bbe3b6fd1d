# One image for the four services and the console; the command picks which:
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
RUN useradd --create-home --uid 10001 bangkom
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
ENV PATH="/app/.venv/bin:$PATH" PYTHONUNBUFFERED=1
USER bangkom
EXPOSE 8001 8002 8003 8004 8005 8051 8052 8053 8054
CMD ["python", "-m", "bangkom.evaluation", "serve"]
