"""The versioned REST API (/api/v1/): every resource, one router, one error shape."""
